package vn.giaydiduong.verify;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Day rules as a comma-separated list of tokens, any of which allows the day: {@code T2}…{@code T7} and {@code CN}
 * (Monday…Saturday, Sunday), {@code LE} / {@code CHAN} (odd / even day of the month). Example: {@code "LE,CN"} =
 * odd days of the month and every Sunday. Format in docs/checking.md.
 */
@Component
public class TokenDayRules implements DayRules {

  private record Token(String label, Predicate<LocalDate> allows) {
  }

  private static final Map<String, Token> TOKENS = Map.of(
      "T2", weekday(DayOfWeek.MONDAY, "Thứ Hai"),
      "T3", weekday(DayOfWeek.TUESDAY, "Thứ Ba"),
      "T4", weekday(DayOfWeek.WEDNESDAY, "Thứ Tư"),
      "T5", weekday(DayOfWeek.THURSDAY, "Thứ Năm"),
      "T6", weekday(DayOfWeek.FRIDAY, "Thứ Sáu"),
      "T7", weekday(DayOfWeek.SATURDAY, "Thứ Bảy"),
      "CN", weekday(DayOfWeek.SUNDAY, "Chủ nhật"),
      "LE", new Token("ngày lẻ", d -> d.getDayOfMonth() % 2 == 1),
      "CHAN", new Token("ngày chẵn", d -> d.getDayOfMonth() % 2 == 0));

  @Override
  public boolean allows(String dayRule, LocalDate date) {
    return tokens(dayRule).stream().anyMatch(t -> t.allows().test(date));
  }

  @Override
  public String describe(String dayRule) {
    return String.join(", ", tokens(dayRule).stream().map(Token::label).toList());
  }

  private static List<Token> tokens(String dayRule) {
    if (dayRule == null || dayRule.isBlank()) {
      throw new IllegalArgumentException("empty day rule");
    }
    List<Token> tokens = new ArrayList<>();
    for (String name : dayRule.split(",", -1)) {
      Token token = TOKENS.get(name.strip());
      if (token == null) {
        throw new IllegalArgumentException("unknown day rule token '" + name + "' in '" + dayRule + "'");
      }
      tokens.add(token);
    }
    return tokens;
  }

  private static Token weekday(DayOfWeek day, String label) {
    return new Token(label, d -> d.getDayOfWeek() == day);
  }
}
