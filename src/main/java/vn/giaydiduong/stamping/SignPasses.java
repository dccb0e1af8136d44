package vn.giaydiduong.stamping;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.CaseEvents;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;

/** The ward police's stamp: signs every approved pass of the list with the ward police unit's key. */
@Component("signPasses")
public class SignPasses implements JavaDelegate {

  private final PassStamper stamper;

  private final Cases cases;

  private final CaseEvents events;

  public SignPasses(Cases cases, PassStamper stamper, CaseEvents events) {
    this.events = events;
    this.cases = cases;
    this.stamper = stamper;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var application = cases.of(execution);
    String stampedBy = ProcessVariables.STAMPED_BY.get(execution);
    int signed = stamper.stampAll(application.id(), stampedBy);
    events.record("stamped", application, stampedBy, "signed " + signed);
  }
}
