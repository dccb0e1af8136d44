package vn.giaydiduong.intake;

import java.util.List;

/**
 * A list as read from a file or a paste, before anything is stored: every entry with the line it came from, its
 * cells in the template's column order and its problems (Vietnamese), and the entries as the JSON array a REST
 * start takes ({@code residents}, {@code households}), so that confirming starts exactly what a REST caller would.
 */
public record ListPreview(List<String> headers, List<Line> lines, String json) {

  /** One entry: its spreadsheet line (1-based), its cells and what is wrong with it. */
  public record Line(int line, List<String> cells, List<String> problems) {
  }

  public long problemCount() {
    return lines.stream().mapToLong(line -> line.problems().size()).sum();
  }

  public boolean acceptable() {
    return problemCount() == 0;
  }
}
