package vn.giaydiduong.ward;

/** A ward or commune (phường/xã/thị trấn) of Hanoi, with its current zone. */
public record Ward(String code, String name, String wardType, String districtCode, String districtName, Zone zone) {

  /** The ward police unit that stamps the ward's passes, e.g. "Công an phường Trúc Bạch". */
  public String policeUnitName() {
    return "Công an " + name.substring(0, 1).toLowerCase() + name.substring(1);
  }

  /** Identifier of the ward police unit, the issuer named in every pass it signs. */
  public String policeUnitId() {
    return "CA-" + code;
  }
}
