package vn.giaydiduong.organization;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.rules.PassValidityRules;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Checks and stores the registration a CSKV officer vetted, in the transaction that starts the process: a
 * registration with any problem starts nothing. The ward is the CSKV officer's own; the waits for the staff list
 * come from configuration, fixed per instance when it starts.
 */
@Component("recordOrganization")
public class RecordOrganization implements JavaDelegate {

  private final Officials officials;
  private final WardRegistry wards;
  private final ApplicationStore applications;
  private final OrganizationStore organizations;
  private final OrganizationProperties properties;
  private final PassValidityRules validityRules;

  public RecordOrganization(Officials officials, WardRegistry wards, ApplicationStore applications,
      OrganizationStore organizations, OrganizationProperties properties, PassValidityRules validityRules) {
    this.validityRules = validityRules;
    this.officials = officials;
    this.wards = wards;
    this.applications = applications;
    this.organizations = organizations;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // Who registers is the logged-in CSKV officer, and the case is in their ward: never a submitted variable.
    String initiator = officials.currentUserId();
    String wardCode = officials.wardOf(initiator, Role.CSKV);
    Ward ward = wards.get(wardCode);
    Organization organization = OrganizationForm.read(execution, Dates.today(),
        validityRules.maxValidityDays(ward.zone()));
    long id = applications.create(PassKind.ORGANIZATION, wardCode, initiator, execution.getProcessInstanceId(),
        List.of());
    applications.setOrganizationName(id, organization.name());
    organizations.create(id, organization);
    OrganizationForm.write(execution, organization);
    execution.setProcessBusinessKey(ProcessVariables.reference(id));
    execution.setVariable(ProcessVariables.REFERENCE, ProcessVariables.reference(id));
    execution.setVariable(ProcessVariables.APPLICATION_ID, id);
    execution.setVariable(ProcessVariables.WARD_CODE, wardCode);
    execution.setVariable(ProcessVariables.WARD_NAME, ward.name() + ", " + ward.districtName());
    execution.setVariable(ProcessVariables.LIST_REMINDER_AFTER, properties.listReminderAfter());
    execution.setVariable(ProcessVariables.LIST_CLOSE_AFTER, properties.listCloseAfter());
  }
}
