package vn.giaydiduong.rules;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.springframework.stereotype.Service;
import vn.giaydiduong.ward.Zone;

/**
 * When a market card may be used and how long it is valid, decided by the analysts' table
 * {@code processes/market-days.dmn} (latest deployed version) through Camunda's decision service, so each
 * evaluation is in the decision history and the card keeps the version that decided it. A table that answers nothing or something unusable stops the step with
 * a message naming the table, rather than printing a wrong card.
 */
@Service
public class MarketDayRules {

  public static final String DECISION = "market-days";

  private final LatestTable table;

  MarketDayRules(LatestTable table) {
    this.table = table;
  }

  public Decided<MarketDays> decide(Zone zone, CardGroup group) {
    LatestTable.Evaluation evaluation = table.evaluate(DECISION,
        Map.of("zone", zone.name(), "cardGroup", group.name()));
    DmnDecisionResultEntries result = evaluation.result().getSingleResult();
    if (result == null) {
      throw new RuleException(DECISION, "không có dòng nào cho vùng " + zone + ", nhóm thẻ " + group);
    }
    String rule = result.get("weekdays") + "@" + result.get("fromTime") + "-" + result.get("untilTime");
    try {
      Object validity = result.get("validityDays");
      return new Decided<>(new MarketDays(DayRule.parse(rule), validity instanceof Number n ? n.intValue() : -1),
          evaluation.rule());
    } catch (IllegalArgumentException e) {
      throw new RuleException(DECISION, "kết quả cho vùng " + zone + ", nhóm thẻ " + group
          + " không dùng được (" + rule + ", " + result.get("validityDays") + " ngày): " + e.getMessage());
    }
  }
}
