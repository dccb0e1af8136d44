package vn.giaydiduong.market;

import static vn.giaydiduong.casework.ProcessVariables.*;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.FormViews;
import vn.giaydiduong.casework.ReviewDecisions;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.Household;
import vn.giaydiduong.pass.HouseholdStore;

/**
 * Applies the ward official's decision household by household, in the transaction that completes the review: a
 * decision that does not fit the list refuses the completion, so the task stays open and nothing is recorded.
 */
@Component("applyHouseholdReview")
public class ApplyHouseholdReview implements JavaDelegate {

  private final HouseholdStore households;
  private final Officials officials;
  private final FormViews views;

  private final Cases cases;

  public ApplyHouseholdReview(Cases cases, HouseholdStore households, Officials officials, FormViews views) {
    this.cases = cases;
    this.households = households;
    this.officials = officials;
    this.views = views;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long applicationId = cases.idOf(execution);
    Set<Integer> pending = households.households(applicationId, Decision.PENDING).stream()
        .map(Household::position).collect(Collectors.toSet());
    Map<Integer, String> rejected = ReviewDecisions.rejections((String) execution.getVariable(REVIEW_OUTCOME),
        (String) execution.getVariable(REJECT_ALL_REASON), (String) execution.getVariable(REJECTIONS), pending);
    households.decide(applicationId, rejected, officials.currentUserId());
    execution.setVariable(APPROVED_COUNT, households.households(applicationId, Decision.APPROVED).size());
    views.showRejectedHouseholds(execution, households.households(applicationId, Decision.REJECTED));
  }
}
