package vn.giaydiduong.rules;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When a market card may be used: weekdays and one time window, e.g. Mon/Wed/Fri 06:00–11:00. Signed into the
 * card's QR code as {@link #format()} ({@code "1,3,5@06:00-11:00"}, ISO weekdays 1 = Monday … 7 = Sunday; see
 * docs/rules.md), printed on the card as {@link #vietnamese()}, and evaluated by the checkpoint with
 * {@link #allows}: the same value everywhere.
 *
 * @param from first allowed minute (inclusive)
 * @param until end of the window (exclusive): a card for 06:00–11:00 is accepted at 10:59, not at 11:00
 */
public record DayRule(Set<DayOfWeek> days, LocalTime from, LocalTime until) {

  private static final Pattern FORMAT = Pattern.compile("([1-7](?:,[1-7])*)@(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter VIETNAMESE_TIME = DateTimeFormatter.ofPattern("H'h'mm");

  public DayRule {
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("A day rule needs at least one weekday");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
    if (from == null || until == null || !until.isAfter(from)) {
      throw new IllegalArgumentException("The time window must end after it starts: " + from + "-" + until);
    }
    if (from.getSecond() != 0 || from.getNano() != 0 || until.getSecond() != 0 || until.getNano() != 0) {
      throw new IllegalArgumentException("Day rule times are whole minutes");
    }
  }

  /** Reads the compact form, e.g. {@code "1,3,5@06:00-11:00"}; anything else is refused. */
  public static DayRule parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("Not a day rule (expected e.g. \"1,3,5@06:00-11:00\"): " + text);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : m.group(1).split(",")) {
      if (!days.add(DayOfWeek.of(Integer.parseInt(day)))) {
        throw new IllegalArgumentException("Weekday " + day + " given twice in the day rule " + text);
      }
    }
    try {
      return new DayRule(days, LocalTime.parse(m.group(2), TIME), LocalTime.parse(m.group(3), TIME));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Not a time of day in the day rule " + text, e);
    }
  }

  /** The compact form, weekdays in ascending order: the inverse of {@link #parse}. */
  public String format() {
    return sortedDays().map(d -> String.valueOf(d.getValue())).collect(Collectors.joining(","))
        + "@" + TIME.format(from) + "-" + TIME.format(until);
  }

  /** Whether the card may be used at this local (Hanoi) time. The validity dates are checked separately. */
  public boolean allows(LocalDateTime at) {
    LocalTime time = at.toLocalTime();
    return days.contains(at.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(until);
  }

  /** As printed on the card: "Thứ 2, 4, 6 — 6h00–11h00"; Sunday is "Chủ nhật". */
  public String vietnamese() {
    String weekdays = sortedDays().filter(d -> d != DayOfWeek.SUNDAY)
        .map(d -> String.valueOf(d.getValue() + 1)).collect(Collectors.joining(", "));
    String dayText = weekdays.isEmpty() ? "Chủ nhật"
        : "Thứ " + weekdays + (days.contains(DayOfWeek.SUNDAY) ? ", Chủ nhật" : "");
    return dayText + " — " + VIETNAMESE_TIME.format(from) + "–" + VIETNAMESE_TIME.format(until);
  }

  private java.util.stream.Stream<DayOfWeek> sortedDays() {
    return days.stream().sorted();
  }

  @Override
  public String toString() {
    return format();
  }
}
