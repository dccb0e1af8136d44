package vn.giaydiduong.rules;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;
import vn.giaydiduong.ward.Zone;

/**
 * When a market card may be used and how long it is valid, decided by the analysts' table
 * {@code processes/market-days.dmn} (latest deployed version) through Camunda's decision service, so each
 * evaluation is in the decision history. A table that answers nothing or something unusable stops the step with
 * a message naming the table, rather than printing a wrong card.
 */
@Service
public class MarketDayRules {

  public static final String DECISION = "market-days";

  private final DecisionService decisions;

  public MarketDayRules(DecisionService decisions) {
    this.decisions = decisions;
  }

  public MarketDays decide(Zone zone, CardGroup group) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION)
        .variables(Map.of("zone", zone.name(), "cardGroup", group.name())).evaluate().getSingleResult();
    if (result == null) {
      throw new RuleException(DECISION, "không có dòng nào cho vùng " + zone + ", nhóm thẻ " + group);
    }
    String rule = result.get("weekdays") + "@" + result.get("fromTime") + "-" + result.get("untilTime");
    try {
      Object validity = result.get("validityDays");
      return new MarketDays(DayRule.parse(rule), validity instanceof Number n ? n.intValue() : -1);
    } catch (IllegalArgumentException e) {
      throw new RuleException(DECISION, "kết quả cho vùng " + zone + ", nhóm thẻ " + group
          + " không dùng được (" + rule + ", " + result.get("validityDays") + " ngày): " + e.getMessage());
    }
  }
}
