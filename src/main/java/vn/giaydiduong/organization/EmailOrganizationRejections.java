package vn.giaydiduong.organization;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.RejectionMail;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.Applicant;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;

/**
 * One mail to the organization listing every person rejected in this review with the reason; those already
 * told (an earlier review, before the ward police returned the list) are not listed again.
 */
@Component("emailOrganizationRejections")
public class EmailOrganizationRejections implements RejectionMail {

  private final ApplicationStore applications;
  private final OrganizationMails mails;

  private final Cases cases;

  public EmailOrganizationRejections(Cases cases, ApplicationStore applications, OrganizationMails mails) {
    this.cases = cases;
    this.applications = applications;
    this.mails = mails;
  }

  @Override
  public PassKind kind() {
    return PassKind.ORGANIZATION;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = cases.idOf(execution);
    List<Applicant> untold = applications.applicants(id, Decision.REJECTED).stream()
        .filter(a -> a.rejectionNotifiedAt() == null).toList();
    if (untold.isEmpty()) {
      return;
    }
    mails.rejections(id, untold);
    // Same transaction as the job; a retry after a failed commit lists the same people and finds the mail sent.
    untold.forEach(a -> applications.markRejectionNotified(a.id()));
  }
}
