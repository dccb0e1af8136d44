package vn.giaydiduong.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PassKind;

/**
 * What a supervisor asks the dashboard for: an optional district, ward and kind, and a range of Hanoi days
 * (both ends included). Without dates: the last 30 days up to today.
 */
record SupervisionQuery(String district, String ward, PassKind kind, LocalDate from, LocalDate to) {

  static final int DEFAULT_DAYS = 30;
  /** A year of days is about 580 wards × 366 rows at most; longer ranges belong to an export of the database. */
  static final int MAX_DAYS = 366;

  static SupervisionQuery of(String district, String ward, String kind, String from, String to) {
    LocalDate end = blank(to) ? Dates.today() : date(to, "Đến ngày");
    LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : date(from, "Từ ngày");
    if (start.isAfter(end)) {
      throw new InvalidInputException("Từ ngày phải trước hoặc bằng đến ngày.");
    }
    if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
      throw new InvalidInputException("Chỉ xem được tối đa " + MAX_DAYS + " ngày một lần.");
    }
    if (!blank(district) && !district.matches("\\d{3}")) {
      throw new InvalidInputException("Mã quận/huyện phải gồm 3 chữ số.");
    }
    if (!blank(ward) && !ward.matches("\\d{5}")) {
      throw new InvalidInputException("Mã phường/xã phải gồm 5 chữ số.");
    }
    return new SupervisionQuery(blank(district) ? null : district, blank(ward) ? null : ward, kind(kind), start,
        end);
  }

  /** The first instant of the range: midnight in Hanoi. */
  OffsetDateTime start() {
    return from.atStartOfDay(Dates.HANOI).toOffsetDateTime();
  }

  /** The first instant after the range. */
  OffsetDateTime end() {
    return to.plusDays(1).atStartOfDay(Dates.HANOI).toOffsetDateTime();
  }

  private static PassKind kind(String kind) {
    if (blank(kind)) {
      return null;
    }
    try {
      return PassKind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Loại hồ sơ không hợp lệ: " + kind + ".");
    }
  }

  private static LocalDate date(String text, String field) {
    try {
      return Dates.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field + " không hợp lệ: " + text + " (dd/mm/yyyy).");
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
