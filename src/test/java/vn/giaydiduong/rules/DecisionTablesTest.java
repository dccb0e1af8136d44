package vn.giaydiduong.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analysts' tables as deployed (processes/*.dmn), evaluated by Camunda's DMN engine with FEEL: every row, the
 * edges a checkpoint meets (Sunday, the last valid day, a ward whose zone changes), and what Modeler needs.
 */
class DecisionTablesTest {

  static DmnEngine engine;
  static DmnDecision marketDays;
  static DmnDecision passValidity;
  static DmnDecision zoneChange;

  @BeforeAll
  static void parse() throws IOException {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    marketDays = decision("processes/market-days.dmn", "market-days");
    passValidity = decision("processes/pass-validity.dmn", "pass-validity");
    zoneChange = decision("processes/zone-change.dmn", "zone-change");
  }

  static DmnDecision decision(String file, String key) throws IOException {
    try (InputStream in = new FileInputStream(file)) {
      return engine.parseDecision(key, in);
    }
  }

  static MarketDays marketDays(String zone, String group) {
    DmnDecisionResultEntries r = engine.evaluateDecision(marketDays, Map.of("zone", zone, "cardGroup", group))
        .getSingleResult();
    return new MarketDays(DayRule.parse(r.get("weekdays") + "@" + r.get("fromTime") + "-" + r.get("untilTime")),
        ((Number) r.get("validityDays")).intValue());
  }

  @ParameterizedTest(name = "{0} {1} → {2}, {3} ngày")
  @CsvSource(delimiter = '|', value = {
      "RED    | ODD  | 1,4@06:00-08:00     | 7",
      "RED    | EVEN | 2,5@06:00-08:00     | 7",
      "ORANGE | ODD  | 1,3,5@06:00-11:00   | 14",
      "ORANGE | EVEN | 2,4,6@06:00-11:00   | 14",
      "GREEN  | ODD  | 1,3,5,7@06:00-18:00 | 14",
      "GREEN  | EVEN | 2,4,6,7@06:00-18:00 | 14"})
  void everyMarketDayRow(String zone, String group, String rule, int validityDays) {
    assertThat(marketDays(zone, group)).isEqualTo(new MarketDays(DayRule.parse(rule), validityDays));
  }

  @Test
  void sunday_isAMarketDayInGreenZonesOnly() {
    LocalDateTime sundayMorning = LocalDateTime.parse("2021-09-12T08:00");
    assertThat(marketDays("GREEN", "ODD").dayRule().allows(sundayMorning)).isTrue();
    assertThat(marketDays("GREEN", "EVEN").dayRule().allows(sundayMorning)).isTrue();
    assertThat(marketDays("ORANGE", "ODD").dayRule().allows(sundayMorning)).isFalse();
    assertThat(marketDays("RED", "EVEN").dayRule().allows(sundayMorning)).isFalse();
  }

  @Test
  void theLastValidDay_isTheValidityCountedFromTheFirst() {
    LocalDate issued = LocalDate.parse("2021-09-06"); // a Monday
    MarketDays green = marketDays("GREEN", "ODD");
    LocalDate lastDay = green.validUntil(issued);
    assertThat(lastDay).isEqualTo(LocalDate.parse("2021-09-19")); // a Sunday, 14 days counting both ends
    assertThat(usable(green, issued, lastDay, lastDay.atTime(17, 59))).isTrue();
    assertThat(usable(green, issued, lastDay, lastDay.atTime(18, 0))).isFalse();
    assertThat(usable(green, issued, lastDay, lastDay.plusDays(1).atTime(8, 0))).as("Monday after").isFalse();
    assertThat(marketDays("RED", "ODD").validUntil(issued)).isEqualTo(LocalDate.parse("2021-09-12"));
  }

  @Test
  void aZoneChange_givesTheSameHouseholdFewerDays() {
    MarketDays before = marketDays("ORANGE", "ODD");
    MarketDays after = marketDays("RED", "ODD");
    assertThat(before.dayRule().days()).hasSizeGreaterThan(after.dayRule().days().size());
    assertThat(after.dayRule().until()).isBefore(before.dayRule().until());
    assertThat(after.validityDays()).isLessThan(before.validityDays());
    // Wednesday 10:00 was a market slot in the orange zone and is not in the red zone.
    LocalDateTime wednesday = LocalDateTime.parse("2021-09-08T10:00");
    assertThat(before.dayRule().allows(wednesday)).isTrue();
    assertThat(after.dayRule().allows(wednesday)).isFalse();
  }

  @Test
  void anUnknownZone_matchesNoRow() {
    assertThat(engine.evaluateDecision(marketDays, Map.of("zone", "PURPLE", "cardGroup", "ODD"))
        .getSingleResult()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"RED, 7", "ORANGE, 14", "GREEN, 31"})
  void everyPassValidityRow(String zone, int days) {
    assertThat(engine.evaluateDecision(passValidity, Map.of("zone", zone)).getSingleResult()
        .<Number>getSingleEntry().intValue()).isEqualTo(days);
  }

  /** Every combination, so the UNIQUE table answers each with exactly one row. */
  @ParameterizedTest(name = "{0} → {1}, {2}: {3}")
  @CsvSource({
      "GREEN,  GREEN,  INDIVIDUAL,   KEEP", "GREEN,  GREEN,  MARKET_CARD, KEEP",
      "ORANGE, GREEN,  ORGANIZATION, KEEP", "ORANGE, GREEN,  MARKET_CARD, KEEP",
      "RED,    GREEN,  INDIVIDUAL,   KEEP", "RED,    GREEN,  MARKET_CARD, KEEP",
      "ORANGE, ORANGE, INDIVIDUAL,   KEEP", "ORANGE, ORANGE, MARKET_CARD, KEEP",
      "RED,    ORANGE, ORGANIZATION, KEEP", "RED,    ORANGE, MARKET_CARD, KEEP",
      "RED,    RED,    INDIVIDUAL,   KEEP", "RED,    RED,    MARKET_CARD, KEEP",
      "GREEN,  ORANGE, INDIVIDUAL,   SHORTEN", "GREEN,  ORANGE, ORGANIZATION, SHORTEN",
      "GREEN,  RED,    INDIVIDUAL,   SHORTEN", "GREEN,  RED,    ORGANIZATION, SHORTEN",
      "ORANGE, RED,    INDIVIDUAL,   SHORTEN", "ORANGE, RED,    ORGANIZATION, SHORTEN",
      "GREEN,  ORANGE, MARKET_CARD,  REVOKE", "GREEN,  RED,    MARKET_CARD,  REVOKE",
      "ORANGE, RED,    MARKET_CARD,  REVOKE"})
  void everyZoneChangeCombination(String signedZone, String newZone, String kind, String action) {
    assertThat(engine.evaluateDecision(zoneChange, Map.of("signedZone", signedZone, "newZone", newZone,
        "passKind", kind)).getSingleResult().<String>getSingleEntry()).isEqualTo(action);
  }

  @Test
  void everyZoneChangeCombination_isAnsweredByExactlyOneRow() {
    for (String signed : new String[] {"RED", "ORANGE", "GREEN"}) {
      for (String changedTo : new String[] {"RED", "ORANGE", "GREEN"}) {
        for (String kind : new String[] {"INDIVIDUAL", "ORGANIZATION", "MARKET_CARD"}) {
          assertThat(engine.evaluateDecision(zoneChange, Map.of("signedZone", signed, "newZone", changedTo,
              "passKind", kind)).getResultList()).as(signed + " → " + changedTo + ", " + kind).hasSize(1);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"processes/market-days.dmn", "processes/pass-validity.dmn", "processes/zone-change.dmn"})
  void tablesAreReadableInModeler(String file) {
    DmnModelInstance model = Dmn.readModelFromFile(new java.io.File(file));
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.DecisionTable.class))
        .allSatisfy(t -> assertThat(t.getHitPolicy().name()).isEqualTo("UNIQUE"));
    assertThat(model.getModelElementsByType(Rule.class)).isNotEmpty().allSatisfy(rule ->
        assertThat(rule.getDescription()).as("annotation of " + rule.getId()).isNotNull()
            .satisfies(d -> assertThat(d.getTextContent()).isNotBlank()));
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class)).allSatisfy(d ->
        assertThat(d.getCamundaHistoryTimeToLiveString()).isNotBlank());
    assertThat(model.getDocument().getRootElement().getChildElementsByNameNs(
        "https://www.omg.org/spec/DMN/20191111/DMNDI/", "DMNDI")).as("DMNDI").hasSize(1);
  }

  private static boolean usable(MarketDays days, LocalDate from, LocalDate until, LocalDateTime at) {
    LocalDate date = at.toLocalDate();
    return !date.isBefore(from) && !date.isAfter(until) && days.dayRule().allows(at);
  }
}
