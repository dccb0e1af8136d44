package vn.giaydiduong.ward;

/** A ward or commune (phường/xã/thị trấn) of Hanoi, with its current zone. */
public record Ward(String code, String name, String wardType, String districtCode, String districtName, Zone zone) {

  /** The ward police unit that stamps the ward's passes, e.g. "Công an phường Trúc Bạch". */
  public String policeUnitName() {
    return "Công an " + name.substring(0, 1).toLowerCase() + name.substring(1);
  }

  /** The ward's name without "Phường" (which the role names already say), e.g. "Trúc Bạch", "Xã Kim Chung". */
  public String shortName() {
    return name.startsWith("Phường ") ? name.substring("Phường ".length()) : name;
  }

  /** The district's name without its kind, e.g. "Ba Đình" for "Quận Ba Đình", "Sơn Tây" for "Thị xã Sơn Tây". */
  public String shortDistrictName() {
    return districtName.replaceFirst("^(Quận|Huyện|Thị xã) ", "");
  }

  /** Identifier of the ward police unit, the issuer named in every pass it signs. */
  public String policeUnitId() {
    return "CA-" + code;
  }
}
