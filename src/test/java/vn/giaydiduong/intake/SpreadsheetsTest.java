package vn.giaydiduong.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.intake.Spreadsheets.Cell;
import vn.giaydiduong.intake.Spreadsheets.Limits;
import vn.giaydiduong.intake.Spreadsheets.Row;

/** The reader both list parsers share: what a sheet or CSV becomes, and the hostile files it refuses. */
class SpreadsheetsTest {

  static final Limits LIMITS = new Limits("danh sách thử", "người", 100, 2, 1024 * 1024, 4L * 1024 * 1024);

  @Test
  void xlsxCellsKeepTheirRowNumberColumnAndKind() {
    byte[] xlsx = StaffListFiles.xlsx(List.of(
        List.of("Họ và tên", "Số CCCD/CMND"),
        List.of(),
        List.of("  Nguyễn Văn An ", 1090000123L, LocalDate.of(1990, 9, 5), 4, "=A1&B1")));

    List<Row> rows = Spreadsheets.read("Tệp \"a.xlsx\"", xlsx, LIMITS);

    assertThat(rows).extracting(Row::number).containsExactly(1, 3);
    Row row = rows.get(1);
    assertThat(row.width()).isEqualTo(5);
    assertThat(row.cell(0)).isEqualTo(new Cell(0, "Nguyễn Văn An", false, null, null));
    // An ID typed as a number: the text has lost its leading zeros and says so.
    assertThat(row.cell(1)).isEqualTo(new Cell(1, "1090000123", true, null, null));
    assertThat(row.cell(2)).isEqualTo(new Cell(2, "05/09/1990", false, LocalDate.of(1990, 9, 5), null));
    assertThat(row.cell(3).text()).isEqualTo("4");
    assertThat(row.cell(4).isFormula()).isTrue();
    assertThat(row.cell(4).text()).isEqualTo("=A1&B1");
    assertThat(row.cell(4).formulaProblem()).isEqualTo("ô chứa công thức (=A1&B1); hãy dán giá trị thay cho công "
        + "thức (Paste Special → Values)");
    assertThat(row.cell(9)).isEqualTo(Cell.empty(9));
    assertThat(Cell.letters(27)).isEqualTo("AB");
  }

  @Test
  void inlineStringsAsStreamingWritersStoreThem() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
      var row = workbook.createSheet("Danh sách").createRow(4);
      row.createCell(2).setCellValue("Trần Thị Bích");
      workbook.write(out);
    }
    assertThat(Spreadsheets.read("Tệp", out.toByteArray(), LIMITS)).singleElement().satisfies(row -> {
      assertThat(row.number()).isEqualTo(5);
      assertThat(row.cells()).containsExactly(new Cell(2, "Trần Thị Bích", false, null, null));
    });
  }

  @Test
  void aCellFarToTheRightCostsOneCell_andRowsBeyondTheLimitStopTheReading() {
    byte[] wide = xlsx("<row r=\"1\"><c r=\"B1\" t=\"b\"><v>1</v></c>"
        + "<c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
    assertThat(Spreadsheets.read("Tệp", wide, LIMITS)).singleElement().satisfies(row -> {
      assertThat(row.cells()).hasSize(2);
      assertThat(row.cell(1).text()).isEqualTo("true");
      assertThat(row.width()).isEqualTo(16384);
      assertThat(row.cell(16383).text()).isEqualTo("x");
    });
    byte[] far = xlsx("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c>"
        + "</row>");
    assertThatThrownBy(() -> Spreadsheets.read("Tệp", far, LIMITS))
        .hasMessage("Danh sách có hơn 100 người, vượt quá 100 người một lần gửi: hãy chia thành nhiều danh sách.");
  }

  @Test
  void csvDelimiterBomAndRowNumbersAsASpreadsheetShowsThem() {
    String text = "\uFEFFHọ và tên;Địa chỉ, phường;Ghi chú\r\n\r\n\"Lê Văn Bình\";\"Số 9; ngõ Trúc Lạc\";\r\n"
        + "Đỗ Minh Đức,x;\"hai\ndòng\";\r\nCuối;y;\r\n";
    List<Row> rows = Spreadsheets.read("Tệp", text.getBytes(StandardCharsets.UTF_8), LIMITS);
    assertThat(rows).extracting(Row::number).containsExactly(1, 3, 4, 5);
    assertThat(rows.get(0).cell(0).text()).isEqualTo("Họ và tên");
    assertThat(rows.get(1).cell(1).text()).isEqualTo("Số 9; ngõ Trúc Lạc");
    assertThat(rows.get(1).width()).isEqualTo(3);
    assertThat(rows.get(2).cell(1).text()).isEqualTo("hai\ndòng");

    Map<String, Character> firstLines = Map.of("a,b;c,d", ',', "a;b;c,d", ';', "a\tb\tc;d", '\t');
    firstLines.forEach((line, delimiter) -> assertThat(Spreadsheets.read("Tệp", line.getBytes(
        StandardCharsets.UTF_8), LIMITS).get(0).width()).as(line).isEqualTo(line.split(
            java.util.regex.Pattern.quote(String.valueOf(delimiter))).length));
  }

  @Test
  void pastedRowsAndTheirBound() {
    assertThat(Spreadsheets.readCsv("Danh sách", "a\tb, c\n\n d \t", '\t', LIMITS))
        .extracting(Row::number, r -> r.cell(1).text()).containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "b, c"), org.assertj.core.groups.Tuple.tuple(3, ""));
    assertThatThrownBy(() -> Spreadsheets.readCsv("Danh sách", "x\n".repeat(103), ';', LIMITS))
        .hasMessageContaining("vượt quá 100 người");
    assertThatThrownBy(() -> Spreadsheets.readCsv("Danh sách", "a;\"b\n", ';', LIMITS))
        .hasMessage("Danh sách không đọc được như CSV (khoảng dòng 1): có thể thiếu dấu ngoặc kép đóng.");
  }

  @Test
  void oldExcelEmptyOversizedAndBinaryFilesAreRefusedWithWhatToDo() {
    byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0};
    assertThatThrownBy(() -> Spreadsheets.read("Tệp \"ds.xls\"", xls, LIMITS)).hasMessage("Tệp \"ds.xls\" là tệp "
        + "Excel đời cũ (.xls) không được nhận: hãy mở bằng Excel và lưu lại dạng \"Excel Workbook (.xlsx)\" hoặc "
        + "\"CSV UTF-8\".");
    assertThatThrownBy(() -> Spreadsheets.read("Tệp tải lên", new byte[0], LIMITS))
        .hasMessage("Tệp tải lên đang trống.");
    assertThatThrownBy(() -> Spreadsheets.read("Tệp tải lên", new byte[1024 * 1024 + 1], LIMITS))
        .hasMessage("Tệp tải lên lớn quá 1 MB: hãy chia danh sách thành nhiều tệp.");
    assertThatThrownBy(() -> Spreadsheets.read("Tệp tải lên", new byte[] {'%', 'P', 'D', 'F', 0}, LIMITS))
        .hasMessageStartingWith("Tệp tải lên không đọc được: không phải bảng tính Excel (.xlsx) hay CSV hợp lệ");
    assertThatThrownBy(() -> Spreadsheets.read("Tệp tải lên", new byte[] {'T', 'r', (byte) 0xE2, 'n'}, LIMITS))
        .hasMessageContaining("không ở dạng UTF-8 (có ký tự không phải mã UTF-8)");
  }

  @Test
  void zipBombsAreRefusedBySizeByRatioAndByEntryCount() {
    byte[] big = zip(Map.of("xl/worksheets/sheet1.xml", 5 * 1024 * 1024));
    assertThatThrownBy(() -> Spreadsheets.read("Tệp \"a.xlsx\"", big, LIMITS)).hasMessage("Tệp \"a.xlsx\" bị từ "
        + "chối: nội dung nén bất thường (giải nén ra quá 4 MB), không phải một danh sách thử bình thường.");
    byte[] dense = zip(Map.of("xl/worksheets/sheet1.xml", 3 * 1024 * 1024));
    assertThatThrownBy(() -> Spreadsheets.read("Tệp", dense, LIMITS))
        .hasMessageContaining("nội dung nén bất thường (giải nén lớn gấp hơn 100 lần tệp gửi)");
    Map<String, Integer> parts = new java.util.HashMap<>();
    for (int i = 0; i <= Spreadsheets.MAX_ZIP_ENTRIES; i++) {
      parts.put("xl/media/image" + i + ".png", 1);
    }
    assertThatThrownBy(() -> Spreadsheets.read("Tệp", zip(parts), LIMITS))
        .hasMessageContaining("nội dung nén bất thường (hơn 200 phần bên trong)");
  }

  @Test
  void externalEntitiesInTheSheetAreNeverResolved(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "BiMat");
    byte[] hostile = xlsx("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>",
        "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>");
    assertThatThrownBy(() -> Spreadsheets.read("Tệp", hostile, LIMITS)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("không đọc được").hasMessageNotContaining("BiMat");
  }

  private static byte[] xlsx(String sheetData) {
    return xlsx(sheetData, "");
  }

  /** The smallest workbook Excel opens, with the given rows (and declarations before the root) in its sheet. */
  private static byte[] xlsx(String sheetData, String prolog) {
    String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    return zip(Map.of(
        "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
            + "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
            + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName="
            + "\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet."
            + "main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd."
            + "openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>",
        "_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
            + "relationships\"><Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\""
            + "/></Relationships>",
        "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel + "\"><sheets>"
            + "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats."
            + "org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target="
            + "\"worksheets/sheet1.xml\"/></Relationships>",
        "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?>" + prolog + "<worksheet xmlns=\"" + main + "\">"
            + "<sheetData>" + sheetData + "</sheetData></worksheet>"));
  }

  /** A zip of the given parts: text as UTF-8, an Integer as that many spaces (which deflate about 1000 times). */
  private static byte[] zip(Map<String, ?> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var part : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(part.getKey()));
        zip.write(part.getValue() instanceof Integer size ? " ".repeat(size).getBytes(StandardCharsets.US_ASCII)
            : part.getValue().toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
