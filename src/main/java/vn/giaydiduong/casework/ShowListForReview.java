package vn.giaydiduong.casework;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** When a review task is created: the list's pending entries, as the review form shows them. */
@Component("showListForReview")
public class ShowListForReview implements TaskListener {

  private final Cases cases;
  private final ReviewableLists lists;

  public ShowListForReview(Cases cases, ReviewableLists lists) {
    this.cases = cases;
    this.lists = lists;
  }

  @Override
  public void notify(DelegateTask task) {
    var application = cases.of(task.getExecution());
    lists.of(application).showForReview(task.getExecution(), application);
  }
}
