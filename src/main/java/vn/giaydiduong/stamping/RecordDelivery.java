package vn.giaydiduong.stamping;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.CaseEvents;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.PassRegistry;

/** Records to whom and when the CSKV handed over the stamped passes of the list. */
@Component("recordDelivery")
public class RecordDelivery implements JavaDelegate {

  private final PassRegistry registry;
  private final Officials officials;

  private final Cases cases;

  private final CaseEvents events;

  public RecordDelivery(Cases cases, PassRegistry registry, Officials officials, CaseEvents events) {
    this.events = events;
    this.cases = cases;
    this.registry = registry;
    this.officials = officials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String deliveredTo = ProcessVariables.DELIVERED_TO.get(execution);
    if (deliveredTo == null || deliveredTo.isBlank() || deliveredTo.length() > 200) {
      throw new InvalidInputException("Hãy ghi người nhận giấy đi đường (tối đa 200 ký tự).");
    }
    var application = cases.of(execution);
    registry.markDelivered(application.id(), deliveredTo.strip(), officials.currentUserId());
    events.record("delivered", application, officials.currentUserId(), null);
  }
}
