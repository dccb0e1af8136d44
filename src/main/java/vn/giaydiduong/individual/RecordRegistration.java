package vn.giaydiduong.individual;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.casework.Registrations.Registrar;
import vn.giaydiduong.casework.Registrations;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.intake.ResidentListParser;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.rules.Decided;
import vn.giaydiduong.rules.PassValidityRules;

/**
 * Checks and stores the list a CSKV officer registers, in the transaction that starts the process: a list with
 * any problem starts nothing. The ward is the CSKV officer's own ward, never a form field.
 */
@Component("recordRegistration")
public class RecordRegistration implements JavaDelegate {

  private final Registrations registrations;
  private final ResidentListParser parser;
  private final ApplicationStore applications;
  private final PassValidityRules validityRules;

  public RecordRegistration(Registrations registrations, ResidentListParser parser, ApplicationStore applications,
      PassValidityRules validityRules) {
    this.registrations = registrations;
    this.parser = parser;
    this.applications = applications;
    this.validityRules = validityRules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Registrar registrar = registrations.registrar();
    Decided<Integer> maxValidity = validityRules.maxValidityDays(registrar.ward().zone());
    int maxValidityDays = maxValidity.value();
    Object table = ProcessVariables.RESIDENTS_TABLE.get(execution);
    var people = table != null ? parser.parseTable(table.toString(), Dates.today(), maxValidityDays)
        : parser.parseJson(ProcessVariables.jsonText(ProcessVariables.RESIDENTS.get(execution)),
            Dates.today(), maxValidityDays);
    long id = registrations.open(execution, PassKind.INDIVIDUAL, registrar);
    applications.addApplicants(id, people);
    applications.setValidityRule(id, maxValidity.rule());
    ProcessVariables.APPLICANT_COUNT.set(execution, people.size());
    // The registry holds the people now; the raw list would only duplicate personal data in variables.
    ProcessVariables.RESIDENTS.remove(execution);
    ProcessVariables.RESIDENTS_TABLE.remove(execution);
  }
}
