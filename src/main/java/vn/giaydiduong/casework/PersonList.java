package vn.giaydiduong.casework;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.Applicant;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.ApplicationStore.Application;
import vn.giaydiduong.pass.Decision;

/** People on a list: residents registered by the CSKV, or an organization's staff. */
@Component
public class PersonList implements ReviewableList {

  private final ApplicationStore applications;
  private final FormViews views;

  public PersonList(ApplicationStore applications, FormViews views) {
    this.applications = applications;
    this.views = views;
  }

  @Override
  public boolean holds(PassKind kind) {
    return kind == PassKind.INDIVIDUAL || kind == PassKind.ORGANIZATION;
  }

  @Override
  public Set<Integer> pendingPositions(long applicationId) {
    return applications.applicants(applicationId, Decision.PENDING).stream().map(Applicant::position)
        .collect(Collectors.toSet());
  }

  @Override
  public void decide(long applicationId, Map<Integer, String> rejected, String decidedBy) {
    applications.decide(applicationId, rejected, decidedBy);
  }

  @Override
  public int approvedCount(long applicationId) {
    return applications.applicants(applicationId, Decision.APPROVED).size();
  }

  @Override
  public void reopenApproved(long applicationId) {
    applications.reopenApproved(applicationId);
  }

  @Override
  public void showForReview(VariableScope scope, Application application) {
    views.showApplicants(scope, applications.applicants(application.id(), Decision.PENDING));
  }

  @Override
  public void showRejected(VariableScope scope, long applicationId) {
    views.showRejected(scope, applications.applicants(applicationId, Decision.REJECTED));
  }
}
