package vn.giaydiduong.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.giaydiduong.common.InvalidInputException;

class HouseholdListParserTest {

  final HouseholdListParser parser = new HouseholdListParser(new ObjectMapper());

  @Test
  void pastedRowsWithHeaderAndOptionalLastColumn() {
    List<HouseholdDraft> list = parser.parseTable(String.join("\n",
        "Họ tên chủ hộ\tHọ tên người đi chợ\tSố CCCD/CMND\tSố điện thoại\tĐịa chỉ\tSố nhân khẩu\tSố hộ khẩu",
        "Trần Văn Hùng\tNguyễn Thị Lan\t001185000321\t0912 345 678\tSố 5 phố Hòe Nhai\t4\tTB-0104",
        "",
        "Lê Văn Bình\tLê Văn Bình\t012345678\t\tSố 9 ngõ Trúc Lạc\t1"));
    assertThat(list).containsExactly(
        new HouseholdDraft("Trần Văn Hùng", "Nguyễn Thị Lan", "001185000321", "0912345678", "Số 5 phố Hòe Nhai", 4,
            "TB-0104"),
        new HouseholdDraft("Lê Văn Bình", "Lê Văn Bình", "012345678", null, "Số 9 ngõ Trúc Lạc", 1, null));
  }

  @Test
  void everyProblemOfEveryRowIsReportedAtOnce() {
    assertThatThrownBy(() -> parser.parseTable(String.join("\n",
        "Trần Văn Hùng;Nguyễn Thị Lan;1185000321;12;Số 5;bốn;TB 01",
        "Lê Văn Bình;;001185000321;;;4",
        "Chỉ ba; cột; thôi")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
            "Hộ thứ 3 (dòng 3): có 3 cột, cần 6 hoặc 7 cột theo thứ tự mẫu (cột trống vẫn phải có dấu phân cách)."));
    assertThatThrownBy(() -> parser.parseTable(String.join("\n",
        "Trần Văn Hùng;Nguyễn Thị Lan;1185000321;12;Số 5;bốn;TB 01",
        "Lê Văn Bình;;001185000321;;;51")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
            "Hộ thứ 1 (chủ hộ Trần Văn Hùng): số CCCD/CMND \"1185000321\" không hợp lệ: CCCD gồm 12 chữ số, CMND "
                + "gồm 9 chữ số (nếu nhập trong Excel, hãy định dạng ô là Text để giữ số 0 ở đầu).",
            "Hộ thứ 1 (chủ hộ Trần Văn Hùng): số điện thoại \"12\" không hợp lệ (di động 10 chữ số, cố định 11 chữ số bắt đầu bằng 02).",
            "Hộ thứ 1 (chủ hộ Trần Văn Hùng): số nhân khẩu \"bốn\" phải là số từ 1 đến 50.",
            "Hộ thứ 1 (chủ hộ Trần Văn Hùng): số hộ khẩu \"TB 01\" chỉ gồm chữ, số, \"/\" và \"-\".",
            "Hộ thứ 2 (chủ hộ Lê Văn Bình): thiếu họ tên người đi chợ.",
            "Hộ thứ 2 (chủ hộ Lê Văn Bình): thiếu địa chỉ.",
            "Hộ thứ 2 (chủ hộ Lê Văn Bình): số nhân khẩu \"51\" phải là số từ 1 đến 50."));
  }

  @Test
  void oneCardPerHousehold_aRepeatedRepresentativeOrHouseholdCodeIsRefused() {
    assertThatThrownBy(() -> parser.parseTable(String.join("\n",
        "Trần Văn Hùng;Nguyễn Thị Lan;001185000321;;Số 5;4;TB-01",
        "Lê Văn Bình;Lê Văn Bình;001190000456;;Số 9;2;TB-01",
        "Đỗ Văn Nam;Nguyễn Thị Lan;001185000321;;Số 7;3")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Hộ thứ 2 (chủ hộ Lê Văn Bình): số hộ khẩu TB-01 trùng với hộ thứ 1")
        .hasMessageContaining("Hộ thứ 3 (chủ hộ Đỗ Văn Nam): người đi chợ (CCCD/CMND 001185000321) đã đại diện "
            + "cho hộ thứ 1");
  }

  @Test
  void csvFromExcelWithByteOrderMarkAndCommas() {
    byte[] csv = ("\uFEFFHọ tên chủ hộ,Họ tên người đi chợ,Số CCCD/CMND,Số điện thoại,Địa chỉ,Số nhân khẩu\r\n"
        + "Trần Văn Hùng,Nguyễn Thị Lan,001185000321,,\"Số 5, phố Hòe Nhai\",4\r\n").getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parseFile(csv)).singleElement()
        .satisfies(h -> assertThat(h.address()).isEqualTo("Số 5, phố Hòe Nhai"));
  }

  @Test
  void csvNotInUtf8_isRefusedBeforeTheDiacriticsAreMangled() {
    byte[] windows1258 = {'T', 'r', (byte) 0xE2, 'n', ';', 'x'};
    assertThatThrownBy(() -> parser.parseFile(windows1258)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("không ở dạng UTF-8");
  }

  @Test
  void xlsxWithNumberCellsAndBlankRows() throws IOException {
    byte[] xlsx = workbook(sheet -> {
      sheet.value(0, 0, "Họ tên chủ hộ");
      sheet.value(0, 5, "Số nhân khẩu");
      sheet.value(1, 0, "Trần Văn Hùng");
      sheet.value(1, 1, "Nguyễn Thị Lan");
      sheet.value(1, 2, "001185000321");
      sheet.value(1, 4, "Số 5 phố Hòe Nhai");
      sheet.value(1, 5, 4);
      sheet.value(3, 0, "Lê Văn Bình");
      sheet.value(3, 1, "Lê Văn Bình");
      sheet.value(3, 2, 1190000456L); // typed as a number: Excel drops the leading zeros
      sheet.value(3, 4, "Số 9 ngõ Trúc Lạc");
      sheet.value(3, 5, 2);
    });
    assertThatThrownBy(() -> parser.parseFile(xlsx)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Hộ thứ 2 (chủ hộ Lê Văn Bình): số CCCD/CMND \"1190000456\" không hợp lệ")
        .hasMessageContaining("định dạng ô là Text");

    byte[] good = workbook(sheet -> {
      sheet.value(0, 0, "Trần Văn Hùng");
      sheet.value(0, 1, "Nguyễn Thị Lan");
      sheet.value(0, 2, "001185000321");
      sheet.value(0, 4, "Số 5 phố Hòe Nhai");
      sheet.value(0, 5, 4);
    });
    assertThat(parser.parseFile(good)).containsExactly(new HouseholdDraft("Trần Văn Hùng", "Nguyễn Thị Lan",
        "001185000321", null, "Số 5 phố Hòe Nhai", 4, null));
  }

  @Test
  void formulasAreRefusedWithTheirCellNeverEvaluated() {
    byte[] xlsx = StaffListFiles.xlsx(List.of(List.of("Trần Văn Hùng", "=A1", "001185000321", "", "Số 5", 4)));
    assertThatThrownBy(() -> parser.parseFile(xlsx))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
            "Hộ thứ 1 (dòng 1, ô B1): ô chứa công thức (=A1); hãy dán giá trị thay cho công thức (Paste Special → "
                + "Values)."));
  }

  @Test
  void oldExcelFormat_isRefusedWithWhatToDo() {
    byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
    assertThatThrownBy(() -> parser.parseFile(xls)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("(.xls) không được nhận").hasMessageContaining(".xlsx");
  }

  @Test
  void zipBomb_isRefusedBeforeTheWorkbookIsParsed() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 25; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertThat(bytes.size()).isLessThan(100 * 1024);
    assertThatThrownBy(() -> parser.parseFile(bytes.toByteArray())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("giải nén ra quá 20 MB");
  }

  @Test
  void aZipThatIsNoWorkbook_andGarbage_areRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("hello.txt"));
      zip.write("xin chào".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    assertThatThrownBy(() -> parser.parseFile(bytes.toByteArray())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("không phải bảng tính Excel (.xlsx) hay CSV hợp lệ");
    byte[] truncated = java.util.Arrays.copyOf(bytes.toByteArray(), 20);
    assertThatThrownBy(() -> parser.parseFile(truncated)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("không phải bảng tính Excel");
    assertThatThrownBy(() -> parser.parseFile(new byte[] {0x7F, 'E', 'L', 'F', 0, 0, 1})).isInstanceOf(
        InvalidInputException.class).hasMessageContaining("không phải bảng tính Excel");
    assertThatThrownBy(() -> parser.parseFile(new byte[0])).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("trống");
  }

  @Test
  void externalEntitiesInAWorkbook_areNeverResolved(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "BiMat");
    byte[] xlsx = workbook(sheet -> {
      sheet.value(0, 0, "Trần Văn Hùng");
      sheet.value(0, 1, "Nguyen Thi Lan");
      sheet.value(0, 2, "001185000321");
      sheet.value(0, 4, "Số 5 phố Hòe Nhai");
      sheet.value(0, 5, 4);
    });
    byte[] hostile = rewriteSharedStrings(xlsx, xml -> {
      String changed = xml.replaceFirst("\\?>", "?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>")
          .replace(">Nguyen Thi Lan<", ">&xxe;<");
      assertThat(changed).contains("<!DOCTYPE sst", ">&xxe;</t>");
      return changed;
    });
    assertThat(new String(hostile, StandardCharsets.ISO_8859_1)).doesNotContain("BiMat");
    try {
      List<HouseholdDraft> list = parser.parseFile(hostile);
      assertThat(list).extracting(HouseholdDraft::representativeName).doesNotContain("BiMat");
    } catch (InvalidInputException refused) {
      assertThat(refused.getMessage()).doesNotContain("BiMat");
    }
  }

  @Test
  void tooManyHouseholds_areRefusedWithoutReadingThemAll() {
    String row = "Trần Văn Hùng;Nguyễn Thị Lan;001185000321;;Số 5;4\n";
    assertThatThrownBy(() -> parser.parseTable(row.repeat(HouseholdListParser.MAX_HOUSEHOLDS + 1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("vượt quá 1000 hộ");
    assertThatThrownBy(() -> parser.parseFile(row.repeat(HouseholdListParser.MAX_HOUSEHOLDS + 5)
        .getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hơn 1000 hộ");
  }

  /** Cells set one by one (row and column from 0); numbers stay numbers, as Excel stores them. */
  static final class Sheet {
    final List<List<Object>> rows = new ArrayList<>();

    void value(int row, int column, Object value) {
      while (rows.size() <= row) {
        rows.add(new ArrayList<>());
      }
      List<Object> cells = rows.get(row);
      while (cells.size() <= column) {
        cells.add(null);
      }
      cells.set(column, value);
    }
  }

  interface SheetWriter {
    void write(Sheet sheet);
  }

  private static byte[] workbook(SheetWriter writer) {
    Sheet sheet = new Sheet();
    writer.write(sheet);
    return StaffListFiles.xlsx(sheet.rows);
  }

  /** The workbook with its shared strings part changed (deflated, so the text is not readable in the bytes). */
  private static byte[] rewriteSharedStrings(byte[] xlsx, UnaryOperator<String> change) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(xlsx)).get();
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipArchiveEntry entry : Collections.list(in.getEntries())) {
        byte[] content = in.getInputStream(entry).readAllBytes();
        if (entry.getName().equals("xl/sharedStrings.xml")) {
          content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
