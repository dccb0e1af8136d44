package vn.giaydiduong.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.rules.Decided;
import vn.giaydiduong.rules.PassValidityRules;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * The ward official's entry of the vetted registration, in the transaction that completes the entry task: the
 * corrected fields pass the same checks as at registration, or the task stays open with the problems named.
 */
@Component("recordOrganizationEntry")
public class RecordOrganizationEntry implements JavaDelegate {

  private final OrganizationStore organizations;
  private final ApplicationStore applications;
  private final Officials officials;
  private final WardRegistry wards;
  private final PassValidityRules validityRules;

  private final Cases cases;

  public RecordOrganizationEntry(Cases cases, OrganizationStore organizations, ApplicationStore applications,
      Officials officials, WardRegistry wards, PassValidityRules validityRules) {
    this.cases = cases;
    this.wards = wards;
    this.validityRules = validityRules;
    this.organizations = organizations;
    this.applications = applications;
    this.officials = officials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var application = cases.of(execution);
    long id = application.id();
    Ward ward = wards.get(application.wardCode());
    // The validity is checked again when the ward enters the registration: the version checking last is kept.
    Decided<Integer> maxValidity = validityRules.maxValidityDays(ward.zone());
    Organization organization = OrganizationForm.read(execution, Dates.today(), maxValidity.value());
    applications.setValidityRule(id, maxValidity.rule());
    organizations.enter(id, organization, officials.currentUserId());
    applications.setOrganizationName(id, organization.name());
    OrganizationForm.write(execution, organization);
  }
}
