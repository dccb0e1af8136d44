package vn.giaydiduong.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The staff list templates organizations download: the columns of {@link StaffListColumn} and one example row.
 * Every column is formatted as text, so Excel keeps the leading zeros of ID and phone numbers.
 */
public final class StaffListTemplate {

  static final List<String> EXAMPLE = List.of("Nguyễn Văn An", "05/09/1990", "001090012345", "0912345678",
      "Nhân viên kho", "12 Phố Hàng Bài, Phường Tràng Tiền, Quận Hoàn Kiếm", "an.nguyen@example.vn");

  private StaffListTemplate() {
  }

  public static byte[] xlsx() {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Danh sách nhân viên");
      CellStyle text = workbook.createCellStyle();
      text.setDataFormat(workbook.createDataFormat().getFormat("@"));
      CellStyle header = workbook.createCellStyle();
      header.cloneStyleFrom(text);
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      List<String> headers = StaffListColumn.templateHeaders();
      Row head = sheet.createRow(0);
      Row example = sheet.createRow(1);
      for (int c = 0; c < headers.size(); c++) {
        head.createCell(c).setCellValue(headers.get(c));
        head.getCell(c).setCellStyle(header);
        example.createCell(c).setCellValue(EXAMPLE.get(c));
        example.getCell(c).setCellStyle(text);
        sheet.setDefaultColumnStyle(c, text);
        sheet.setColumnWidth(c, (c == 5 ? 50 : 20) * 256);
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** UTF-8 with BOM: without it, Excel on Windows opens the file as ANSI and garbles the diacritics. */
  public static byte[] csv() {
    String csv = "\uFEFF" + String.join(",", StaffListColumn.templateHeaders()) + "\r\n"
        + String.join(",", EXAMPLE.stream().map(v -> v.contains(",") ? "\"" + v + "\"" : v).toList()) + "\r\n";
    return csv.getBytes(StandardCharsets.UTF_8);
  }
}
