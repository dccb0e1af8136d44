package vn.giaydiduong.casework;

import static vn.giaydiduong.casework.ProcessVariables.APPROVED_COUNT;
import static vn.giaydiduong.casework.ProcessVariables.REJECTED_NOW;
import static vn.giaydiduong.casework.ProcessVariables.REJECTIONS;
import static vn.giaydiduong.casework.ProcessVariables.REJECT_ALL_REASON;
import static vn.giaydiduong.casework.ProcessVariables.REVIEW_OUTCOME;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.Officials;

/**
 * Applies the ward official's review of any list (people or households), in the transaction that completes the
 * review task: a decision that does not fit the list (an unknown number, a missing reason) refuses the
 * completion, so the task stays open and nothing is recorded.
 */
@Component("applyReview")
public class ApplyReview implements JavaDelegate {

  private final Cases cases;
  private final ReviewableLists lists;
  private final Officials officials;

  private final CaseEvents events;

  public ApplyReview(Cases cases, ReviewableLists lists, Officials officials, CaseEvents events) {
    this.events = events;
    this.cases = cases;
    this.lists = lists;
    this.officials = officials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var application = cases.of(execution);
    ReviewableList list = lists.of(application);
    Map<Integer, String> rejected = ReviewDecisions.rejections(REVIEW_OUTCOME.get(execution),
        REJECT_ALL_REASON.get(execution), REJECTIONS.get(execution),
        list.pendingPositions(application.id()));
    list.decide(application.id(), rejected, officials.currentUserId());
    APPROVED_COUNT.set(execution, list.approvedCount(application.id()));
    REJECTED_NOW.set(execution, rejected.size());
    events.record("decided", application, officials.currentUserId(), "rejected " + rejected.size());
  }
}
