package vn.giaydiduong.common;

/** What a pass is for: the three procedures of the official letter 6445/CAHN-VTTHCY. */
public enum PassKind {
  INDIVIDUAL,
  ORGANIZATION,
  MARKET_CARD
}
