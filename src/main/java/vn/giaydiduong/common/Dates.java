package vn.giaydiduong.common;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Dates as Vietnamese users write them (dd/MM/yyyy) and as forms and APIs send them (ISO, maybe with a time). */
public final class Dates {

  public static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter VIETNAMESE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  /** Strict: 31/02 is an error, not 28/02. */
  private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("d/M/uuuu")
      .withResolverStyle(ResolverStyle.STRICT);

  private Dates() {
  }

  public static LocalDate parse(String text) {
    if (text.matches("\\d{1,2}/\\d{1,2}/\\d{4}")) {
      return LocalDate.parse(text, TYPED);
    }
    // Camunda Forms send "2021-09-06"; some clients append a time ("2021-09-06T00:00:00").
    if (text.matches("\\d{4}-\\d{2}-\\d{2}(T.*)?")) {
      return LocalDate.parse(text.substring(0, 10));
    }
    throw new DateTimeParseException("not a date", text, 0);
  }

  public static String format(LocalDate date) {
    return date.format(VIETNAMESE);
  }

  public static LocalDate today() {
    return LocalDate.now(HANOI);
  }
}
