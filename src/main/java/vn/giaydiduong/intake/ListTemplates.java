package vn.giaydiduong.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Templates people download to fill a list: a bold header row of Vietnamese column names and one example row.
 * Every column is formatted as text, so Excel keeps the leading zeros of ID and phone numbers.
 */
public final class ListTemplates {

  /** The individual pass's list, in {@link ResidentListParser#COLUMNS} order. */
  public static final List<String> RESIDENT_EXAMPLE = List.of("Lê Văn Bình", "01/02/1990", "001090123456",
      "0987 654 321", "binh@example.vn", "3 phố Trúc Bạch", "", "Nhà máy nước Yên Phụ", "Đi làm", "01/12/2026",
      "14/12/2026");
  /** The market card's list, in {@link HouseholdListParser#COLUMNS} order. */
  public static final List<String> HOUSEHOLD_EXAMPLE = List.of("Nguyễn Văn An", "Trần Thị Bình", "001190012345",
      "0912.345.678", "12 phố Trúc Bạch", "4", "0123456");

  private ListTemplates() {
  }

  public static byte[] residentsXlsx() {
    return xlsx("Danh sách người dân", ResidentListParser.HEADERS, RESIDENT_EXAMPLE, Set.of(5, 7, 8));
  }

  public static byte[] residentsCsv() {
    return csv(ResidentListParser.HEADERS, RESIDENT_EXAMPLE);
  }

  public static byte[] householdsXlsx() {
    return xlsx("Danh sách hộ gia đình", HouseholdListParser.HEADERS, HOUSEHOLD_EXAMPLE, Set.of(4));
  }

  public static byte[] householdsCsv() {
    return csv(HouseholdListParser.HEADERS, HOUSEHOLD_EXAMPLE);
  }

  /** One sheet; the columns in {@code wide} get room for addresses. */
  static byte[] xlsx(String sheetName, List<String> headers, List<String> example, Set<Integer> wide) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet(sheetName);
      CellStyle text = workbook.createCellStyle();
      text.setDataFormat(workbook.createDataFormat().getFormat("@"));
      CellStyle header = workbook.createCellStyle();
      header.cloneStyleFrom(text);
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      Row head = sheet.createRow(0);
      Row sample = sheet.createRow(1);
      for (int c = 0; c < headers.size(); c++) {
        head.createCell(c).setCellValue(headers.get(c));
        head.getCell(c).setCellStyle(header);
        sample.createCell(c).setCellValue(example.get(c));
        sample.getCell(c).setCellStyle(text);
        sheet.setDefaultColumnStyle(c, text);
        sheet.setColumnWidth(c, (wide.contains(c) ? 50 : 20) * 256);
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** UTF-8 with BOM: without it, Excel on Windows opens the file as ANSI and garbles the diacritics. */
  static byte[] csv(List<String> headers, List<String> example) {
    String csv = "\uFEFF" + String.join(",", headers) + "\r\n"
        + String.join(",", example.stream().map(v -> v.contains(",") ? "\"" + v + "\"" : v).toList()) + "\r\n";
    return csv.getBytes(StandardCharsets.UTF_8);
  }
}
