package vn.giaydiduong.market;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.pass.HouseholdStore;
import vn.giaydiduong.pass.PassRegistry;

/**
 * The ward police returned the household list: the unstamped cards are voided (their numbers stay used) and the
 * approved households go back to the ward official. Rejected households stay rejected.
 */
@Component("returnHouseholdsToReview")
public class ReturnHouseholdsToReview implements JavaDelegate {

  private final HouseholdStore households;
  private final PassRegistry registry;
  private final HouseholdReview review;

  private final Cases cases;

  public ReturnHouseholdsToReview(Cases cases, HouseholdStore households, PassRegistry registry, HouseholdReview review) {
    this.cases = cases;
    this.households = households;
    this.registry = registry;
    this.review = review;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var application = cases.of(execution);
    long applicationId = application.id();
    String reason = (String) execution.getVariable(ProcessVariables.RETURN_REASON);
    registry.voidAwaitingStamp(applicationId, "Công an phường trả lại: " + reason);
    households.reopenApproved(applicationId);
    review.show(execution, applicationId, application.wardCode());
  }
}
