package vn.giaydiduong.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.casework.Registrations.Registrar;
import vn.giaydiduong.casework.Registrations;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.rules.Decided;
import vn.giaydiduong.rules.PassValidityRules;

/**
 * Checks and stores the registration a CSKV officer vetted, in the transaction that starts the process: a
 * registration with any problem starts nothing. The ward is the CSKV officer's own; the waits for the staff list
 * come from configuration, fixed per instance when it starts.
 */
@Component("recordOrganization")
public class RecordOrganization implements JavaDelegate {

  private final Registrations registrations;
  private final ApplicationStore applications;
  private final OrganizationStore organizations;
  private final OrganizationProperties properties;
  private final PassValidityRules validityRules;

  public RecordOrganization(Registrations registrations, ApplicationStore applications,
      OrganizationStore organizations, OrganizationProperties properties, PassValidityRules validityRules) {
    this.registrations = registrations;
    this.applications = applications;
    this.organizations = organizations;
    this.properties = properties;
    this.validityRules = validityRules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Registrar registrar = registrations.registrar();
    Decided<Integer> maxValidity = validityRules.maxValidityDays(registrar.ward().zone());
    Organization organization = OrganizationForm.read(execution, Dates.today(), maxValidity.value());
    long id = registrations.open(execution, PassKind.ORGANIZATION, registrar);
    applications.setValidityRule(id, maxValidity.rule());
    applications.setOrganizationName(id, organization.name());
    organizations.create(id, organization);
    OrganizationForm.write(execution, organization);
    ProcessVariables.LIST_REMINDER_AFTER.set(execution, properties.listReminderAfter());
    ProcessVariables.LIST_CLOSE_AFTER.set(execution, properties.listCloseAfter());
  }
}
