package vn.giaydiduong.intake;

import java.util.List;
import java.util.Set;

/**
 * The staff list templates organizations download: the columns of {@link StaffListColumn} and one example row
 * ({@link ListTemplates}).
 */
public final class StaffListTemplate {

  static final List<String> EXAMPLE = List.of("Nguyễn Văn An", "05/09/1990", "001090012345", "0912345678",
      "Nhân viên kho", "12 Phố Hàng Bài, Phường Tràng Tiền, Quận Hoàn Kiếm", "an.nguyen@example.vn");

  private StaffListTemplate() {
  }

  public static byte[] xlsx() {
    return ListTemplates.xlsx("Danh sách nhân viên", StaffListColumn.templateHeaders(), EXAMPLE, Set.of(5));
  }

  public static byte[] csv() {
    return ListTemplates.csv(StaffListColumn.templateHeaders(), EXAMPLE);
  }
}
