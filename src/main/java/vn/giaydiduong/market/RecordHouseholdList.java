package vn.giaydiduong.market;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.casework.Registrations.Registrar;
import vn.giaydiduong.casework.Registrations;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.intake.HouseholdListParser;
import vn.giaydiduong.pass.HouseholdStore;

/**
 * Checks and stores the households a CSKV officer lists for market cards, in the transaction that starts the
 * process: a list with any problem starts nothing. The ward is the officer's own ward, never a form field.
 */
@Component("recordHouseholdList")
public class RecordHouseholdList implements JavaDelegate {

  private final Registrations registrations;
  private final HouseholdListParser parser;
  private final HouseholdStore households;

  public RecordHouseholdList(Registrations registrations, HouseholdListParser parser, HouseholdStore households) {
    this.registrations = registrations;
    this.parser = parser;
    this.households = households;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Registrar registrar = registrations.registrar();
    Object table = ProcessVariables.HOUSEHOLDS_TABLE.get(execution);
    var list = table != null ? parser.parseTable(table.toString())
        : parser.parseJson(ProcessVariables.jsonText(ProcessVariables.HOUSEHOLDS.get(execution)));
    long id = registrations.open(execution, PassKind.MARKET_CARD, registrar);
    households.create(id, list);
    ProcessVariables.HOUSEHOLD_COUNT.set(execution, list.size());
    // The registry holds the households now; the raw list would only duplicate personal data in variables.
    ProcessVariables.HOUSEHOLDS.remove(execution);
    ProcessVariables.HOUSEHOLDS_TABLE.remove(execution);
  }
}
