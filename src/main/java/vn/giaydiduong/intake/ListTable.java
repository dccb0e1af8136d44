package vn.giaydiduong.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import vn.giaydiduong.intake.Spreadsheets.Cell;
import vn.giaydiduong.intake.Spreadsheets.Row;

/**
 * Spreadsheet rows in a list's fixed column order, turned into the JSON objects its parser checks, each with the
 * line it came from and the problems of its layout (a formula, a wrong number of columns), so a preview can mark
 * them on their row and a start can refuse them all at once.
 */
final class ListTable {

  /** One entry of a list: its spreadsheet line, its fields by column name, and what is wrong with its layout. */
  record SourcedRow(int line, ObjectNode fields, List<String> problems) {
  }

  private ListTable() {
  }

  /**
   * @param unit how an entry is called in messages ("Hộ", "Người")
   * @param minWidth fewest columns a row may have; a sheet leaves out empty trailing cells, so 1 accepts that
   */
  static List<SourcedRow> rows(List<Row> rows, List<String> columns, int minWidth, Predicate<String> isHeader,
      String unit, ObjectMapper json) {
    List<SourcedRow> sourced = new ArrayList<>();
    for (Row row : rows) {
      if (sourced.isEmpty() && isHeader.test(row.cell(0).text())) {
        continue;
      }
      List<String> problems = new ArrayList<>();
      String where = unit + " thứ " + (sourced.size() + 1) + " (dòng " + row.number();
      for (Cell cell : row.cells()) {
        if (cell.isFormula()) {
          problems.add(where + ", ô " + Cell.letters(cell.column()) + row.number() + "): " + cell.formulaProblem()
              + ".");
        }
      }
      if (row.width() < minWidth || row.width() > columns.size()) {
        String needed = minWidth == columns.size() ? "đúng " + minWidth
            : minWidth == columns.size() - 1 ? minWidth + " hoặc " + columns.size() : "tối đa " + columns.size();
        problems.add(where + "): có " + row.width() + " cột, cần " + needed + " cột theo thứ tự mẫu (cột trống "
            + "vẫn phải có dấu phân cách).");
      }
      ObjectNode fields = json.createObjectNode();
      for (int i = 0; i < Math.min(row.width(), columns.size()); i++) {
        fields.put(columns.get(i), row.cell(i).text());
      }
      sourced.add(new SourcedRow(row.number(), fields, problems));
    }
    return sourced;
  }
}
