package vn.giaydiduong.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;

/** The one reminder: no staff list yet; the registration closes when the second wait ends. */
@Component("emailStaffListReminder")
public class EmailStaffListReminder implements JavaDelegate {

  private final OrganizationMails mails;

  private final Cases cases;

  public EmailStaffListReminder(Cases cases, OrganizationMails mails) {
    this.cases = cases;
    this.mails = mails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    mails.askForStaffList(cases.idOf(execution),
        ProcessVariables.LIST_CLOSE_AFTER.get(execution), true);
  }
}
