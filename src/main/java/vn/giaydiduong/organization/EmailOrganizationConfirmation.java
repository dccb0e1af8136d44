package vn.giaydiduong.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;

/** Confirms the registration to the organization: reference, how to send the staff list, the upload link. */
@Component("emailOrganizationConfirmation")
public class EmailOrganizationConfirmation implements JavaDelegate {

  private final OrganizationMails mails;

  private final Cases cases;

  public EmailOrganizationConfirmation(Cases cases, OrganizationMails mails) {
    this.cases = cases;
    this.mails = mails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    mails.askForStaffList(cases.idOf(execution),
        ProcessVariables.LIST_REMINDER_AFTER.get(execution), false);
  }
}
