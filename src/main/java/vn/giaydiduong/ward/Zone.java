package vn.giaydiduong.ward;

/** Risk zone of a ward (September 2021: red = "ai ở đâu ở đó", orange, green). */
public enum Zone {
  RED("Vùng đỏ"),
  ORANGE("Vùng cam"),
  GREEN("Vùng xanh");

  private final String label;

  Zone(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
