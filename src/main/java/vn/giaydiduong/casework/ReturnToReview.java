package vn.giaydiduong.casework;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.PassRegistry;

/**
 * The ward police returned the list: the unstamped passes are voided (their numbers stay used) and the approved
 * people go back to the ward official. Rejected people stay rejected: they have been told already.
 */
@Component("returnToReview")
public class ReturnToReview implements JavaDelegate {

  private final ApplicationStore applications;
  private final PassRegistry registry;
  private final FormViews views;

  private final Cases cases;

  public ReturnToReview(Cases cases, ApplicationStore applications, PassRegistry registry, FormViews views) {
    this.cases = cases;
    this.applications = applications;
    this.registry = registry;
    this.views = views;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long applicationId = cases.idOf(execution);
    String reason = (String) execution.getVariable(ProcessVariables.RETURN_REASON);
    registry.voidAwaitingStamp(applicationId, "Công an phường trả lại: " + reason);
    applications.reopenApproved(applicationId);
    views.showApplicants(execution, applications.applicants(applicationId, Decision.PENDING));
  }
}
