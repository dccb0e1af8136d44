package vn.giaydiduong.common;

/** What a pass is for: the three procedures of the official letter 6445/CAHN-VTTHCY. */
public enum PassKind {
  INDIVIDUAL("Cá nhân"),
  ORGANIZATION("Tổ chức"),
  MARKET_CARD("Thẻ đi chợ");

  private final String label;

  PassKind(String label) {
    this.label = label;
  }

  /** The kind as officials name it, on task cards and in lists. */
  public String label() {
    return label;
  }
}
