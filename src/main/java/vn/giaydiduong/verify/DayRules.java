package vn.giaydiduong.verify;

import java.time.LocalDate;

/**
 * Which days a pass with a day rule ({@code PassClaims.dayRule}, so far only market cards) may be used. The rule
 * string is signed inside the QR code, so the checkpoint page must be able to evaluate it offline as well: its
 * format is specified in docs/checking.md ("Day rules") and implemented twice, here and in
 * {@code static/check/verify.js}. A new format needs both, plus a new token, never a changed meaning of an old one.
 */
public interface DayRules {

  /**
   * Whether the rule allows {@code date} (a calendar day in Asia/Ho_Chi_Minh).
   *
   * @throws IllegalArgumentException if {@code dayRule} is not in a known format
   */
  boolean allows(String dayRule, LocalDate date);

  /**
   * The allowed days in Vietnamese for the officer and the printed card, e.g. "Thứ Hai, Thứ Tư, Chủ nhật".
   *
   * @throws IllegalArgumentException if {@code dayRule} is not in a known format
   */
  String describe(String dayRule);
}
