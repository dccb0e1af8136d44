package vn.giaydiduong.supervision;

import java.util.List;

/**
 * One table of the dashboard, as the page shows it and the exports write it: named columns with Vietnamese
 * headers, rows of values (text, whole numbers, decimals, dates; {@code null} for "no value").
 */
record Table(String name, String title, List<Column> columns, List<List<Object>> rows) {

  record Column(String key, String label) {
  }
}
