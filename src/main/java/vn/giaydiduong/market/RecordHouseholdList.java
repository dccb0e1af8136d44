package vn.giaydiduong.market;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.intake.HouseholdListParser;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.HouseholdStore;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Checks and stores the households a CSKV officer lists for market cards, in the transaction that starts the
 * process: a list with any problem starts nothing. The ward is the officer's own ward, never a form field.
 */
@Component("recordHouseholdList")
public class RecordHouseholdList implements JavaDelegate {

  private final Officials officials;
  private final WardRegistry wards;
  private final HouseholdListParser parser;
  private final ApplicationStore applications;
  private final HouseholdStore households;
  private final HouseholdList review;

  public RecordHouseholdList(Officials officials, WardRegistry wards, HouseholdListParser parser,
      ApplicationStore applications, HouseholdStore households, HouseholdList review) {
    this.officials = officials;
    this.wards = wards;
    this.parser = parser;
    this.applications = applications;
    this.households = households;
    this.review = review;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // Who registers is the logged-in CSKV officer, and the case is in their ward: never a submitted variable.
    String initiator = officials.currentUserId();
    String wardCode = officials.wardOf(initiator, Role.CSKV);
    Object table = execution.getVariable(ProcessVariables.HOUSEHOLDS_TABLE);
    var list = table != null ? parser.parseTable(table.toString())
        : parser.parseJson(ProcessVariables.jsonText(execution.getVariable(ProcessVariables.HOUSEHOLDS)));
    long id = applications.createApplication(PassKind.MARKET_CARD, wardCode, initiator,
        execution.getProcessInstanceId());
    households.create(id, list);
    Ward ward = wards.get(wardCode);
    execution.setProcessBusinessKey(ProcessVariables.reference(id));
    execution.setVariable(ProcessVariables.REFERENCE, ProcessVariables.reference(id));
    execution.setVariable(ProcessVariables.APPLICATION_ID, id);
    execution.setVariable(ProcessVariables.WARD_CODE, wardCode);
    execution.setVariable(ProcessVariables.WARD_NAME, ward.name() + ", " + ward.districtName());
    execution.setVariable(ProcessVariables.HOUSEHOLD_COUNT, list.size());
    // The registry holds the households now; the raw list would only duplicate personal data in variables.
    execution.removeVariable(ProcessVariables.HOUSEHOLDS);
    execution.removeVariable(ProcessVariables.HOUSEHOLDS_TABLE);
    review.show(execution, id, wardCode);
  }
}
