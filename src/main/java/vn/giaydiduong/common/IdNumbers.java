package vn.giaydiduong.common;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Vietnamese personal ID numbers: the 12-digit citizen identity card (CCCD) and the older 9-digit identity card
 * (CMND). A CCCD encodes the province of birth registration (digits 1–3), gender and century (digit 4) and the
 * year of birth (digits 5–6), so a typo is usually caught by comparing it with the date of birth.
 */
public final class IdNumbers {

  /** Province codes of the CCCD (Circular 07/2016/TT-BCA, the 63 provinces of 2021). */
  private static final Set<String> PROVINCE_CODES = Set.of("001", "002", "004", "006", "008", "010", "011",
      "012", "014", "015", "017", "019", "020", "022", "024", "025", "026", "027", "030", "031", "033", "034",
      "035", "036", "037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056",
      "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
      "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096");

  private IdNumbers() {
  }

  /** What is wrong with {@code idNumber} for a person born on {@code dateOfBirth}, in Vietnamese; empty if ok. */
  public static Optional<String> problem(String idNumber, LocalDate dateOfBirth) {
    if (idNumber == null || idNumber.isBlank()) {
      return Optional.of("thiếu số CCCD/CMND");
    }
    if (!idNumber.matches("\\d{9}|\\d{12}")) {
      return Optional.of("số CCCD/CMND \"" + abbreviate(idNumber)
          + "\" không hợp lệ: CCCD gồm 12 chữ số, CMND gồm 9 chữ số");
    }
    if (idNumber.length() == 9) {
      return Optional.empty();
    }
    if (!PROVINCE_CODES.contains(idNumber.substring(0, 3))) {
      return Optional.of("số CCCD " + idNumber + " có mã tỉnh \"" + idNumber.substring(0, 3)
          + "\" không tồn tại (3 chữ số đầu)");
    }
    if (dateOfBirth != null) {
      int centuryDigit = idNumber.charAt(3) - '0';
      int year = 1900 + (centuryDigit / 2) * 100 + Integer.parseInt(idNumber.substring(4, 6));
      if (year != dateOfBirth.getYear()) {
        return Optional.of("số CCCD " + idNumber + " không khớp năm sinh " + dateOfBirth.getYear()
            + " (chữ số thứ 4–6 của CCCD mã hóa năm sinh " + year + ")");
      }
    }
    return Optional.empty();
  }

  /** The ID number as printed and put in the QR code: first three and last three digits, e.g. 001******789. */
  public static String mask(String idNumber) {
    return idNumber.substring(0, 3) + "*".repeat(idNumber.length() - 6) + idNumber.substring(idNumber.length() - 3);
  }

  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "…";
  }
}
