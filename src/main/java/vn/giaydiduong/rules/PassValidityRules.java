package vn.giaydiduong.rules;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.springframework.stereotype.Service;
import vn.giaydiduong.ward.Zone;

/**
 * The longest validity a ward may grant a pass at once, by the ward's zone, decided by the analysts' table
 * {@code processes/pass-validity.dmn}. Used by the individual and organization processes when a list is
 * registered; the case keeps the table version that decided, and its passes carry it.
 */
@Service
public class PassValidityRules {

  public static final String DECISION = "pass-validity";

  private final LatestTable table;

  PassValidityRules(LatestTable table) {
    this.table = table;
  }

  /** Days from the first to the last valid day, both counted, by the latest version of the table. */
  public Decided<Integer> maxValidityDays(Zone zone) {
    LatestTable.Evaluation evaluation = table.evaluate(DECISION, Map.of("zone", zone.name()));
    DmnDecisionResultEntries result = evaluation.result().getSingleResult();
    Object days = result == null ? null : result.get("maxValidityDays");
    if (!(days instanceof Number n) || n.intValue() < 1 || n.intValue() > 366) {
      throw new RuleException(DECISION, "thời hạn cho vùng " + zone + " phải là số ngày từ 1 đến 366, "
          + "bảng trả về " + days);
    }
    return new Decided<>(n.intValue(), evaluation.rule());
  }
}
