package vn.giaydiduong.supervision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.giaydiduong.common.Dates;

/** A dashboard table as a file with its Vietnamese headers: CSV for any tool, XLSX for Excel. */
final class TableExports {

  private TableExports() {
  }

  /** UTF-8 with a byte order mark, without which Excel reads the Vietnamese letters as Windows-1252. */
  static byte[] csv(Table table) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180)) {
      writer.write('\uFEFF');
      csv.printRecord(table.columns().stream().map(Table.Column::label).toList());
      for (List<Object> row : table.rows()) {
        List<String> cells = new ArrayList<>();
        for (Object value : row) {
          cells.add(value == null ? "" : value instanceof LocalDate day ? Dates.format(day) : value.toString());
        }
        csv.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] xlsx(Table table) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet(table.title().replace('/', '-'));
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      header.setWrapText(true);
      CellStyle date = workbook.createCellStyle();
      date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));

      Row headerRow = sheet.createRow(0);
      for (int c = 0; c < table.columns().size(); c++) {
        Cell cell = headerRow.createCell(c);
        cell.setCellValue(table.columns().get(c).label());
        cell.setCellStyle(header);
        // Autosizing needs AWT fonts on the server; a width from the header's length is enough.
        sheet.setColumnWidth(c, Math.min(40, Math.max(12, table.columns().get(c).label().length() / 2 + 4)) * 256);
      }
      sheet.createFreezePane(0, 1);
      for (int r = 0; r < table.rows().size(); r++) {
        Row row = sheet.createRow(r + 1);
        List<Object> values = table.rows().get(r);
        for (int c = 0; c < values.size(); c++) {
          Object value = values.get(c);
          if (value == null) {
            continue;
          }
          Cell cell = row.createCell(c);
          if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
          } else if (value instanceof LocalDate day) {
            cell.setCellValue(day);
            cell.setCellStyle(date);
          } else {
            cell.setCellValue(value.toString());
          }
        }
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
