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

  /**
   * Latin letters (Vietnamese names are written in them, with their marks), spaces, dots, apostrophes and hyphens:
   * a look-alike letter of another script ("Nguyễn Vаn A" with a Cyrillic а) would make a second name that reads
   * the same.
   */
  static final Pattern NAME = Pattern.compile("\\p{IsLatin}[\\p{IsLatin}\\p{M} .'-]*");
  /** Control characters and invisible format characters (right-to-left overrides, zero-width spaces). */
  static final Pattern HIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}]");
  static final String HIDDEN_PROBLEM = "chứa ký tự điều khiển hoặc ký tự ẩn (như dấu đổi chiều viết)";
  static final String NAME_PROBLEM = "chỉ được gồm chữ cái tiếng Việt và dấu cách";

  /**
   * Line breaks and tabs inside a value become spaces and a byte order mark (left by some editors) goes; other
   * hidden characters are refused by the caller.
   */
  static String singleLine(String text) {
    return text.replace("\uFEFF", "").replaceAll("[\\t\\r\\n]+", " ").strip();
  }

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
    // Hidden characters are left out of the messages, so a right-to-left override cannot turn the text around.
    this.who = row + (named ? " (" + namePrefix + HIDDEN.matcher(node.get(nameField).asText()).replaceAll("")
        .strip() + ")" : "");
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
    String text = value == null || value.isNull() ? null : singleLine(value.asText());
    if (text == null || text.isEmpty()) {
      if (required) {
        problem("thiếu " + label);
      }
      return null;
    }
    if (HIDDEN.matcher(text).find()) {
      problem(label + " " + HIDDEN_PROBLEM);
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
      problem(label + " \"" + name + "\" " + NAME_PROBLEM);
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
