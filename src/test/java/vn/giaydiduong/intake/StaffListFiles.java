package vn.giaydiduong.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Staff list files as organizations make them, for the parser corpus and the process tests: cells may be text,
 * numbers (ID numbers typed as numbers lose their leading zeros), dates, or formulas ({@code "=..."}).
 */
public final class StaffListFiles {

  public static final List<String> HEADERS = List.of("STT", "Họ và tên", "Ngày sinh", "Số CCCD/CMND",
      "Số điện thoại", "Chức vụ", "Nơi ở");

  private StaffListFiles() {
  }

  /** {@code count} valid people; the CCCD encodes birth in 1990 in Hanoi (001 0 90 …). */
  public static List<List<Object>> people(int count) {
    return people(count, 1);
  }

  /** Like {@link #people(int)}, with ID numbers from {@code firstSerial} on (tests sharing a database differ). */
  public static List<List<Object>> people(int count, int firstSerial) {
    String[] names = {"Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Cường", "Phạm Thu Dung", "Đỗ Minh Đức"};
    List<List<Object>> rows = new ArrayList<>();
    rows.add(new ArrayList<>(HEADERS));
    for (int i = 0; i < count; i++) {
      rows.add(new ArrayList<>(List.of(String.valueOf(i + 1), names[i % names.length] + (i < names.length ? "" : " "
          + letters(i)), "05/09/1990", "001090%06d".formatted(firstSerial + i), "0912%06d".formatted(i), "Nhân viên kho",
          "12 Phố Hàng Bài, Quận Hoàn Kiếm")));
    }
    return rows;
  }

  private static String letters(int i) {
    StringBuilder s = new StringBuilder();
    for (int n = i; n > 0; n /= 26) {
      s.append((char) ('A' + n % 26));
    }
    return s.toString();
  }

  public static byte[] xlsx(List<List<Object>> rows) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Danh sách");
      CellStyle dateStyle = workbook.createCellStyle();
      dateStyle.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          Object v = rows.get(r).get(c);
          var cell = row.createCell(c);
          if (v instanceof Number n) {
            cell.setCellValue(n.doubleValue());
          } else if (v instanceof LocalDate d) {
            cell.setCellValue(d);
            cell.setCellStyle(dateStyle);
          } else if (v instanceof String s && s.startsWith("=")) {
            cell.setCellFormula(s.substring(1));
          } else if (v != null) {
            cell.setCellValue(v.toString());
          }
        }
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] csv(List<List<Object>> rows, char delimiter, boolean bom) {
    StringBuilder s = new StringBuilder(bom ? "\uFEFF" : "");
    for (List<Object> row : rows) {
      s.append(String.join(String.valueOf(delimiter), row.stream().map(String::valueOf).toList())).append("\r\n");
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A zip bomb dressed as XLSX: a valid-looking package whose sheet expands from kilobytes to hundreds of MB.
   */
  public static byte[] zipBomb() {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
          + "package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
          .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] block = new byte[1024 * 1024];
      java.util.Arrays.fill(block, (byte) ' ');
      for (int i = 0; i < 200; i++) {
        zip.write(block);
      }
      zip.closeEntry();
      zip.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
