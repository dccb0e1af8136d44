package vn.giaydiduong.process;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.intake.InvalidInputException;
import vn.giaydiduong.pass.Household;
import vn.giaydiduong.pass.HouseholdStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/**
 * Records that the CSKV handed each card to its household's representative (the person named on the card, who
 * shows the ID card whose number is printed masked), by whom and when. Completing the task is the record.
 */
@Component("recordCardDelivery")
public class RecordCardDelivery implements JavaDelegate {

  private final PassRegistry registry;
  private final HouseholdStore households;
  private final Officials officials;

  public RecordCardDelivery(PassRegistry registry, HouseholdStore households, Officials officials) {
    this.registry = registry;
    this.households = households;
    this.officials = officials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable(ProcessVariables.DELIVERED_TO_REPRESENTATIVES))) {
      throw new InvalidInputException("Hãy xác nhận đã giao tận tay từng thẻ cho người đi chợ của hộ "
          + "(người có tên trên thẻ, đối chiếu CCCD/CMND).");
    }
    long applicationId = (Long) execution.getVariable(ProcessVariables.APPLICATION_ID);
    Map<Long, Household> byId = households.households(applicationId).stream()
        .collect(Collectors.toMap(Household::id, Function.identity()));
    String cskv = officials.currentUserId();
    for (Pass card : registry.passes(applicationId, PassStatus.ISSUED)) {
      Household h = byId.get(card.householdId());
      registry.markDelivered(card.passNumber(), h.representativeName() + " (CCCD/CMND " + card.maskedIdNumber()
          + ")", cskv);
    }
  }
}
