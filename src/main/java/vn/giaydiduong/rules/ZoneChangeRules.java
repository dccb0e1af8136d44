package vn.giaydiduong.rules;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

/**
 * What a ward's zone change does to the passes already issued there, decided by the analysts' table
 * {@code processes/zone-change.dmn}; a shortened pass ends by the new zone's longest validity
 * ({@link PassValidityRules}), counted from the change day.
 */
@Service
public class ZoneChangeRules {

  public static final String DECISION = "zone-change";

  private final DecisionService decisions;
  private final PassValidityRules validity;

  public ZoneChangeRules(DecisionService decisions, PassValidityRules validity) {
    this.decisions = decisions;
    this.validity = validity;
  }

  /** The action for a pass signed with {@code signedZone} when its ward becomes {@code newZone}. */
  public ZoneChangeAction action(Zone signedZone, Zone newZone, PassKind kind) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION)
        .variables(Map.of("signedZone", signedZone.name(), "newZone", newZone.name(), "passKind", kind.name()))
        .evaluate().getSingleResult();
    Object action = result == null ? null : result.get("action");
    try {
      return ZoneChangeAction.valueOf(String.valueOf(action));
    } catch (IllegalArgumentException e) {
      throw new RuleException(DECISION, "giấy " + kind + " cấp ở vùng " + signedZone + " khi phường sang vùng "
          + newZone + " phải được KEEP, SHORTEN hoặc REVOKE, bảng trả về " + action);
    }
  }

  /** The last valid day of a pass shortened by a change to {@code newZone} on {@code changeDay}. */
  public LocalDate shortenedUntil(Zone newZone, LocalDate changeDay) {
    return changeDay.plusDays(validity.maxValidityDays(newZone).value() - 1L);
  }
}
