package vn.giaydiduong.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import vn.giaydiduong.common.Dates;

/**
 * One row of a list given as JSON objects (pasted, uploaded or sent to the API), read field by field. Every
 * problem is kept, in Vietnamese, prefixed with which row it is ("Người thứ 2 (Trần Văn A): …"), so the whole list
 * can be refused at once with everything to fix.
 */
final class ListRow {

  /** Letters (any script, with their marks), spaces, dots, apostrophes and hyphens. */
  static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} .'-]*");

  private final JsonNode node;
  private final String who;
  private final List<String> problems = new ArrayList<>();

  /**
   * @param row how the row is called, e.g. "Người thứ 2" or "Hộ thứ 2"
   * @param nameField the field that names the row in messages (skipped when absent or implausibly long)
   * @param namePrefix put before that name in messages, e.g. "chủ hộ "
   */
  ListRow(JsonNode node, String row, String nameField, String namePrefix) {
    this.node = node;
    boolean named = node.isObject() && node.hasNonNull(nameField) && node.get(nameField).asText().length() <= 100;
    this.who = row + (named ? " (" + namePrefix + node.get(nameField).asText().strip() + ")" : "");
  }

  boolean isObject() {
    return node.isObject();
  }

  List<String> problems() {
    return problems;
  }

  void problem(String text) {
    problems.add(who + ": " + text + ".");
  }

  /** The field's text, stripped; null (and a problem if required) when empty, or too long. */
  String text(String field, String label, int maxLength, boolean required) {
    JsonNode value = node.get(field);
    String text = value == null || value.isNull() ? null : value.asText().strip();
    if (text == null || text.isEmpty()) {
      if (required) {
        problem("thiếu " + label);
      }
      return null;
    }
    if (text.length() > maxLength) {
      problem(label + " dài " + text.length() + " ký tự, tối đa " + maxLength);
      return null;
    }
    return text;
  }

  /** A person's name (required), with inner spaces collapsed. */
  String name(String field, String label) {
    String name = text(field, label, 100, true);
    if (name == null) {
      return null;
    }
    name = name.replaceAll("\\s+", " ");
    if (!NAME.matcher(name).matches()) {
      problem(label + " \"" + name + "\" chỉ được gồm chữ cái và dấu cách");
    }
    return name;
  }

  /** A required date, dd/MM/yyyy or ISO. */
  LocalDate date(String field, String label) {
    String text = text(field, label, 30, true);
    if (text == null) {
      return null;
    }
    try {
      return Dates.parse(text);
    } catch (DateTimeParseException e) {
      problem(label + " \"" + text + "\" không đúng dạng ngày (dd/MM/yyyy)");
      return null;
    }
  }
}
