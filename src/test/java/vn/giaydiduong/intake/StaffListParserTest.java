package vn.giaydiduong.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.giaydiduong.common.InvalidInputException;

/** The parser corpus: lists as organizations really send them, good and bad, XLSX and CSV. */
class StaffListParserTest {

  private final StaffListParser parser = new StaffListParser();

  @Test
  void xlsxWithTitleRowsHeadersInAnyOrderNumbersAndDateCells() {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("DANH SÁCH CÁN BỘ, NHÂN VIÊN ĐỀ NGHỊ CẤP GIẤY ĐI ĐƯỜNG"));
    rows.add(List.of());
    rows.add(List.of("Chức danh", "Số CMND/CCCD", "Họ tên", "SĐT", "Địa chỉ", "Ngày tháng năm sinh", "Ghi chú"));
    // Typed as numbers: the CCCD 001090000123 and the phone 0912345678 lost their leading zeros.
    rows.add(List.of("Kế toán", 1090000123L, "Nguyễn  Văn An", 912345678L, "Số 1 Tràng Tiền",
        LocalDate.of(1990, 9, 5), "ca sáng"));
    rows.add(List.of("Lái xe", "012345678", "Trần Thị Bích", "", "Số 2 Hàng Bài", "1/2/1985"));
    rows.add(List.of("", "", "", "", "", "")); // blank rows are skipped

    List<StaffMember> staff = parser.parse("Danh sach.XLSX", StaffListFiles.xlsx(rows));

    assertThat(staff).hasSize(2);
    StaffMember an = staff.get(0);
    assertThat(an.row()).isEqualTo(4);
    assertThat(an.fullName()).isEqualTo("Nguyễn Văn An");
    assertThat(an.idNumber()).isEqualTo("001090000123");
    assertThat(an.phone()).isEqualTo("0912345678");
    assertThat(an.dateOfBirth()).isEqualTo(LocalDate.of(1990, 9, 5));
    assertThat(an.jobTitle()).isEqualTo("Kế toán");
    assertThat(staff.get(1).idNumber()).isEqualTo("012345678");
    assertThat(staff.get(1).phone()).isNull();
    assertThat(staff.get(1).dateOfBirth()).isEqualTo(LocalDate.of(1985, 2, 1));
  }

  @Test
  void csvInUtf8WithBomSemicolonsAndQuotedCommas() {
    byte[] csv = ("\uFEFFHọ và tên;Ngày sinh;Số CCCD/CMND;Số điện thoại;Chức vụ;Nơi ở\r\n"
        + "Lê Hoàng Cường;05/09/1990;001090000001;0912000000;Bảo vệ;\"12 Hàng Bài; Hoàn Kiếm\"\r\n")
        .getBytes(StandardCharsets.UTF_8);
    List<StaffMember> staff = parser.parse("ds.csv", csv);
    assertThat(staff).singleElement().satisfies(m -> {
      assertThat(m.fullName()).isEqualTo("Lê Hoàng Cường");
      assertThat(m.address()).isEqualTo("12 Hàng Bài; Hoàn Kiếm");
    });
  }

  @Test
  void csvWithCommasWithoutBomAndTheDownloadedTemplatesParse() {
    assertThat(parser.parse("a.csv", StaffListFiles.csv(StaffListFiles.people(3), ',', false))).hasSize(3);
    assertThat(parser.parse("mau.csv", StaffListTemplate.csv())).singleElement()
        .extracting(StaffMember::fullName).isEqualTo("Nguyễn Văn An");
    assertThat(parser.parse("mau.xlsx", StaffListTemplate.xlsx())).singleElement()
        .extracting(StaffMember::idNumber).isEqualTo("001090012345");
  }

  @Test
  void everyBadCellIsNamedByRowAndColumn() {
    List<List<Object>> rows = StaffListFiles.people(3);
    rows.get(1).set(2, "31/02/1990");
    rows.get(2).set(3, "00109000000");
    rows.get(3).set(1, "");
    assertThatThrownBy(() -> parser.parse("ds.xlsx", StaffListFiles.xlsx(rows)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
            "Dòng 2, cột \"Ngày sinh\" (ô C2): \"31/02/1990\" không phải ngày hợp lệ (dạng dd/MM/yyyy, ví dụ "
                + "05/09/1990).",
            "Dòng 3, cột \"Số CCCD/CMND\" (ô D3): số CCCD/CMND \"00109000000\" không hợp lệ: CCCD gồm 12 chữ số, "
                + "CMND gồm 9 chữ số.",
            "Dòng 4, cột \"Họ và tên\" (ô B4): đang trống."));
  }

  @Test
  void formulasAreRefusedNeverEvaluated() {
    List<List<Object>> rows = StaffListFiles.people(2);
    rows.get(2).set(1, "=CONCATENATE(\"Nguyễn \",\"Văn B\")");
    assertThatThrownBy(() -> parser.parse("ds.xlsx", StaffListFiles.xlsx(rows)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Dòng 3, cột \"Họ và tên\" (ô B3): ô chứa công thức")
        .hasMessageContaining("Paste Special");
  }

  @Test
  void missingColumnsAndMissingHeaderAreNamed() {
    List<List<Object>> noAddress = new ArrayList<>();
    StaffListFiles.people(1).forEach(r -> noAddress.add(new ArrayList<>(r.subList(0, 6))));
    assertThatThrownBy(() -> parser.parse("ds.xlsx", StaffListFiles.xlsx(noAddress)))
        .hasMessage("Thiếu cột \"Nơi ở\" ở dòng tiêu đề (dòng 1).");
    assertThatThrownBy(() -> parser.parse("ds.csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("Không tìm thấy dòng tiêu đề");
    assertThatThrownBy(() -> parser.parse("ds.csv", StaffListFiles.csv(StaffListFiles.people(0), ',', true)))
        .hasMessageContaining("không có người nào");
  }

  @Test
  void zipBombIsRefusedWithoutExpandingIt() {
    byte[] bomb = StaffListFiles.zipBomb();
    assertThat(bomb.length).isLessThan(1024 * 1024);
    assertThatThrownBy(() -> parser.parse("ds.xlsx", bomb))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("nội dung nén bất thường");
  }

  @Test
  void filesThatAreNotWhatTheirNameSays() {
    byte[] pdf = "%PDF-1.7 not a sheet".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> parser.parse("ds.xlsx", pdf)).hasMessageContaining("không phải bảng tính Excel");
    assertThatThrownBy(() -> parser.parse("ds.csv", StaffListFiles.xlsx(StaffListFiles.people(1))))
        .hasMessageContaining("không phải văn bản CSV");
    assertThatThrownBy(() -> parser.parse("ds.xls", pdf)).hasMessageContaining("phải là bảng tính .xlsx hoặc .csv");
    byte[] corrupt = StaffListFiles.xlsx(StaffListFiles.people(1));
    byte[] truncated = java.util.Arrays.copyOf(corrupt, corrupt.length / 2);
    assertThatThrownBy(() -> parser.parse("ds.xlsx", truncated)).hasMessageContaining("không đọc được");
  }

  @Test
  void csvNotInUtf8IsRefusedWithTheWayToFixIt() {
    byte[] latin = "Họ và tên,Số CCCD/CMND\nÀ,1\n".getBytes(Charset.forName("windows-1252"));
    assertThatThrownBy(() -> parser.parse("ds.csv", latin)).hasMessageContaining("không phải mã UTF-8")
        .hasMessageContaining("CSV UTF-8");
  }

  @Test
  void tooManyRowsAndTooManyProblemsAreCut() {
    List<List<Object>> rows = StaffListFiles.people(150);
    rows.forEach(r -> r.set(2, r == rows.get(0) ? "Ngày sinh" : "x"));
    assertThatThrownBy(() -> parser.parse("ds.csv", StaffListFiles.csv(rows, ',', false)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.problems()).hasSize(StaffListParser.MAX_PROBLEMS + 1);
          assertThat(e.problems().get(StaffListParser.MAX_PROBLEMS)).startsWith("… và 50 lỗi khác");
        });
    byte[] huge = StaffListFiles.csv(StaffListFiles.people(StaffListParser.MAX_ROWS + 20), ',', false);
    assertThatThrownBy(() -> parser.parse("ds.csv", huge)).hasMessageContaining("vượt quá 10000 người");
  }

  @Test
  void fileTypesAreJudgedByContent() {
    assertThat(FileTypes.problem("giay-phep.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(FileTypes.problem("anh.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).isEmpty();
    assertThat(FileTypes.problem("giay-phep.pdf", "MZ\u0090".getBytes(StandardCharsets.ISO_8859_1)))
        .hasValueSatisfying(p -> assertThat(p).contains("nội dung không phải tệp .pdf"));
    assertThat(FileTypes.problem("virus.exe", "MZ".getBytes(StandardCharsets.US_ASCII)))
        .hasValueSatisfying(p -> assertThat(p).contains("loại không được nhận"));
  }
}
