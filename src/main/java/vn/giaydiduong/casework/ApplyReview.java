package vn.giaydiduong.casework;

import static vn.giaydiduong.casework.ProcessVariables.*;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.Applicant;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;

/**
 * Applies the ward official's review, in the transaction that completes the review task: a decision that does
 * not fit the list (an unknown number, a missing reason) refuses the completion, so the task stays open and
 * nothing is recorded.
 */
@Component("applyReview")
public class ApplyReview implements JavaDelegate {

  private final ApplicationStore applications;
  private final Officials officials;
  private final FormViews views;

  private final Cases cases;

  public ApplyReview(Cases cases, ApplicationStore applications, Officials officials, FormViews views) {
    this.cases = cases;
    this.applications = applications;
    this.officials = officials;
    this.views = views;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long applicationId = cases.idOf(execution);
    Set<Integer> pending = applications.applicants(applicationId, Decision.PENDING).stream()
        .map(Applicant::position).collect(Collectors.toSet());
    Map<Integer, String> rejected = ReviewDecisions.rejections((String) execution.getVariable(REVIEW_OUTCOME),
        (String) execution.getVariable(REJECT_ALL_REASON), (String) execution.getVariable(REJECTIONS), pending);
    applications.decide(applicationId, rejected, officials.currentUserId());
    execution.setVariable(APPROVED_COUNT, applications.applicants(applicationId, Decision.APPROVED).size());
    execution.setVariable(REJECTED_NOW, rejected.size());
    views.showRejected(execution, applications.applicants(applicationId, Decision.REJECTED));
  }
}
