package vn.giaydiduong.casework;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.pass.PassRegistry;

/**
 * The ward police return the list (people or households): the passes awaiting their stamp are voided, and the
 * approved entries wait for the ward official's review again.
 */
@Component("returnToReview")
public class ReturnToReview implements JavaDelegate {

  private final Cases cases;
  private final ReviewableLists lists;
  private final PassRegistry registry;

  private final CaseEvents events;

  public ReturnToReview(Cases cases, ReviewableLists lists, PassRegistry registry, CaseEvents events) {
    this.events = events;
    this.cases = cases;
    this.lists = lists;
    this.registry = registry;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var application = cases.of(execution);
    ReviewableList list = lists.of(application);
    String reason = ProcessVariables.RETURN_REASON.get(execution);
    registry.voidAwaitingStamp(application.id(), "Công an phường trả lại: " + reason);
    list.reopenApproved(application.id());
    events.record("returned", application, ProcessVariables.STAMPED_BY.get(execution), null);
  }
}
