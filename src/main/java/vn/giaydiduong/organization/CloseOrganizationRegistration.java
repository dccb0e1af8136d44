package vn.giaydiduong.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;

/** No staff list after the reminder: the registration is closed and the organization told so. */
@Component("closeOrganizationRegistration")
public class CloseOrganizationRegistration implements JavaDelegate {

  private final OrganizationStore organizations;
  private final OrganizationMails mails;

  private final Cases cases;

  public CloseOrganizationRegistration(Cases cases, OrganizationStore organizations, OrganizationMails mails) {
    this.cases = cases;
    this.organizations = organizations;
    this.mails = mails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = cases.idOf(execution);
    organizations.markClosed(id);
    mails.registrationClosed(id);
  }
}
