package vn.giaydiduong.intake;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns of a staff list, with the header of the template and the other headers organizations use for the
 * same thing (compared without case, diacritics, spaces or punctuation). Other columns (STT, notes) are ignored.
 */
public enum StaffListColumn {
  FULL_NAME("Họ và tên", true, "hovaten", "hoten", "hotennhanvien", "hovatennhanvien", "hotencanbo",
      "hovatencanbo"),
  DATE_OF_BIRTH("Ngày sinh", true, "ngaysinh", "ngaythangnamsinh", "sinhngay"),
  ID_NUMBER("Số CCCD/CMND", true, "socccdcmnd", "socmndcccd", "cccdcmnd", "cmndcccd", "socccd", "socmnd", "cccd",
      "cmnd", "socancuoccongdan", "cancuoccongdan", "sochungminhnhandan", "sodinhdanhcanhan"),
  PHONE("Số điện thoại", false, "sodienthoai", "dienthoai", "sdt", "sodt", "dienthoaididong"),
  JOB_TITLE("Chức vụ", true, "chucvu", "chucdanh", "vitri", "vitricongviec", "congviec"),
  ADDRESS("Nơi ở", true, "noio", "noiohiennay", "diachi", "diachinoio", "choohiennay", "noicutru",
      "diachicutru", "diachithuongtru"),
  EMAIL("Email", false, "email", "thudientu", "diachiemail");

  private final String header;
  private final boolean required;
  private final Set<String> names;

  StaffListColumn(String header, boolean required, String... names) {
    this.header = header;
    this.required = required;
    this.names = Set.of(names);
  }

  /** The header as the template writes it. */
  public String header() {
    return header;
  }

  /** Whether the column must be present and every row must fill it. */
  public boolean required() {
    return required;
  }

  static Optional<StaffListColumn> of(String normalizedHeader) {
    return Arrays.stream(values()).filter(c -> c.names.contains(normalizedHeader)).findFirst();
  }

  public static List<String> templateHeaders() {
    return Arrays.stream(values()).map(StaffListColumn::header).toList();
  }

  static String headers() {
    return Arrays.stream(values()).map(c -> "\"" + c.header + "\"").collect(Collectors.joining(", "));
  }
}
