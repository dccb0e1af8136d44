package vn.giaydiduong.rules;

import java.time.LocalDate;

/**
 * What the market-day rules (processes/market-days.dmn) grant one card: when it may be used and for how many days
 * it is valid, counting its first and last day.
 */
public record MarketDays(DayRule dayRule, int validityDays) {

  public MarketDays {
    if (dayRule == null) {
      throw new IllegalArgumentException("A market card needs a day rule");
    }
    if (validityDays < 1 || validityDays > 366) {
      throw new IllegalArgumentException("Card validity must be 1–366 days, not " + validityDays);
    }
  }

  /** The last valid day (inclusive) of a card valid from {@code validFrom}. */
  public LocalDate validUntil(LocalDate validFrom) {
    return validFrom.plusDays(validityDays - 1L);
  }
}
