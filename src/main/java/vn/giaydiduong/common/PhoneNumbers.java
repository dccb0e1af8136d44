package vn.giaydiduong.common;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Vietnamese phone numbers as people write them: mobiles have 10 digits (03, 05, 07, 08, 09…), landlines 11
 * digits with the area code (02x, e.g. Hanoi 024 3826 1234); spaces, dots and dashes are allowed, and +84 stands
 * for the leading 0. Stored as the digits alone.
 */
public final class PhoneNumbers {

  private static final Pattern MOBILE = Pattern.compile("0[35789]\\d{8}");
  private static final Pattern LANDLINE = Pattern.compile("02\\d{9}");
  private static final Pattern SEPARATORS = Pattern.compile("[ .\\-]");

  private PhoneNumbers() {
  }

  /** The digits of a written number, with +84 turned into 0. */
  public static String normalize(String written) {
    String digits = SEPARATORS.matcher(written.strip()).replaceAll("");
    return digits.startsWith("+84") ? "0" + digits.substring(3) : digits;
  }

  /** What is wrong with a normalized number, in Vietnamese, to follow the field's name; empty if ok. */
  public static Optional<String> problem(String normalized) {
    if (MOBILE.matcher(normalized).matches() || LANDLINE.matcher(normalized).matches()) {
      return Optional.empty();
    }
    return Optional.of("\"" + (normalized.length() > 20 ? normalized.substring(0, 20) + "…" : normalized)
        + "\" không hợp lệ (di động 10 chữ số, cố định 11 chữ số bắt đầu bằng 02)");
  }
}
