package vn.giaydiduong.rules;

/**
 * The group of a market card, an input of the market-day rules: odd or even card serial. Consecutive numbering
 * splits a list evenly, so two groups shopping on different days halve the crowd (the 2021 odd/even practice).
 */
public enum CardGroup {
  ODD,
  EVEN;

  public static CardGroup of(long serial) {
    return serial % 2 == 1 ? ODD : EVEN;
  }
}
