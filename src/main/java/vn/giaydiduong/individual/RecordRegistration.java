package vn.giaydiduong.individual;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.FormViews;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.intake.ResidentListParser;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.rules.PassValidityRules;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Checks and stores the list a CSKV officer registers, in the transaction that starts the process: a list with
 * any problem starts nothing. The ward is the CSKV officer's own ward, never a form field.
 */
@Component("recordRegistration")
public class RecordRegistration implements JavaDelegate {

  private final Officials officials;
  private final WardRegistry wards;
  private final ResidentListParser parser;
  private final ApplicationStore applications;
  private final FormViews views;
  private final PassValidityRules validityRules;

  public RecordRegistration(Officials officials, WardRegistry wards, ResidentListParser parser,
      ApplicationStore applications, FormViews views, PassValidityRules validityRules) {
    this.validityRules = validityRules;
    this.officials = officials;
    this.wards = wards;
    this.parser = parser;
    this.applications = applications;
    this.views = views;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // Who registers is the logged-in CSKV officer, and the case is in their ward: never a submitted variable.
    String initiator = officials.currentUserId();
    String wardCode = officials.wardOf(initiator, Role.CSKV);
    Ward ward = wards.get(wardCode);
    int maxValidityDays = validityRules.maxValidityDays(ward.zone());
    Object table = execution.getVariable(ProcessVariables.RESIDENTS_TABLE);
    var people = table != null ? parser.parseTable(table.toString(), Dates.today(), maxValidityDays)
        : parser.parseJson(ProcessVariables.jsonText(execution.getVariable(ProcessVariables.RESIDENTS)),
            Dates.today(), maxValidityDays);
    long id = applications.create(PassKind.INDIVIDUAL, wardCode, initiator, execution.getProcessInstanceId(),
        people);
    execution.setProcessBusinessKey(ProcessVariables.reference(id));
    execution.setVariable(ProcessVariables.REFERENCE, ProcessVariables.reference(id));
    execution.setVariable(ProcessVariables.APPLICATION_ID, id);
    execution.setVariable(ProcessVariables.WARD_CODE, wardCode);
    execution.setVariable(ProcessVariables.WARD_NAME, ward.name() + ", " + ward.districtName());
    execution.setVariable(ProcessVariables.APPLICANT_COUNT, people.size());
    // The registry holds the people now; the raw list would only duplicate personal data in variables.
    execution.removeVariable(ProcessVariables.RESIDENTS);
    execution.removeVariable(ProcessVariables.RESIDENTS_TABLE);
    views.showApplicants(execution, applications.applicants(id, Decision.PENDING));
  }
}
