package vn.giaydiduong.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DayRuleTest {

  @Test
  void compactFormRoundTripsAndSortsTheDays() {
    DayRule rule = DayRule.parse("1,3,5@06:00-11:00");
    assertThat(rule.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
    assertThat(rule.from()).isEqualTo(LocalTime.of(6, 0));
    assertThat(rule.until()).isEqualTo(LocalTime.of(11, 0));
    assertThat(rule.format()).isEqualTo("1,3,5@06:00-11:00");
    assertThat(new DayRule(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.TUESDAY), LocalTime.of(7, 30), LocalTime.of(9, 0))
        .format()).isEqualTo("2,7@07:30-09:00");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1,3,5@06:00-11:00 | Thứ 2, 4, 6 — 6h00–11h00",
      "2,4,6,7@06:00-18:00 | Thứ 3, 5, 7, Chủ nhật — 6h00–18h00",
      "7@07:30-09:15 | Chủ nhật — 7h30–9h15",
      "1,4@06:00-08:00 | Thứ 2, 5 — 6h00–8h00"})
  void printsInVietnamese(String rule, String vietnamese) {
    assertThat(DayRule.parse(rule).vietnamese()).isEqualTo(vietnamese);
  }

  @ParameterizedTest
  @CsvSource({
      // 2021-09-06 was a Monday, 2021-09-12 a Sunday.
      "2021-09-06T06:00, true", "2021-09-06T10:59, true", "2021-09-06T11:00, false", "2021-09-06T05:59, false",
      "2021-09-07T08:00, false", "2021-09-08T08:00, true", "2021-09-12T08:00, false"})
  void allowsItsDaysFromTheStartUntilBeforeTheEnd(LocalDateTime at, boolean allowed) {
    assertThat(DayRule.parse("1,3,5@06:00-11:00").allows(at)).isEqualTo(allowed);
  }

  @Test
  void sundayCounts() {
    assertThat(DayRule.parse("2,4,6,7@06:00-18:00").allows(LocalDateTime.parse("2021-09-12T17:59"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1,3,5", "0@06:00-11:00", "8@06:00-11:00", "1,1@06:00-11:00", "1@11:00-06:00",
      "1@06:00-06:00", "1@25:00-26:00", "1; 3@06:00-11:00", "1@6:00-11:00"})
  void refusesAnythingElse(String text) {
    assertThatThrownBy(() -> DayRule.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
