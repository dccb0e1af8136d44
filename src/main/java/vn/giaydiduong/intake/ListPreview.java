package vn.giaydiduong.intake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list as read from a file or a paste, before anything is stored: every entry with the line it came from, its
 * cells in the template's column order and its problems (Vietnamese), and the entries as the JSON array a REST
 * start takes ({@code residents}, {@code households}), so that confirming starts exactly what a REST caller would.
 */
public record ListPreview(List<String> headers, List<Line> lines, String json) {

  /** One entry: its spreadsheet line (1-based), its cells and what is wrong with it. */
  public record Line(int line, List<String> cells, List<String> problems) {
  }

  /**
   * The preview of rows read from a sheet: each row's own reading problems, then what {@code check} (the same
   * check a REST start runs, one list of problems per entry) finds in the entries.
   */
  static ListPreview of(List<ListTable.SourcedRow> rows, List<String> headers, List<String> columns,
      Function<ArrayNode, List<List<String>>> check) {
    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
    rows.forEach(row -> entries.add(row.fields()));
    List<List<String>> problems = check.apply(entries);
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      ListTable.SourcedRow row = rows.get(i);
      List<String> all = new ArrayList<>(row.problems());
      all.addAll(problems.get(i));
      lines.add(new Line(row.line(), columns.stream().map(c -> row.fields().path(c).asText("")).toList(), all));
    }
    return new ListPreview(headers, lines, entries.toString());
  }

  public long problemCount() {
    return lines.stream().mapToLong(line -> line.problems().size()).sum();
  }

  public boolean acceptable() {
    return problemCount() == 0;
  }
}
