package vn.giaydiduong.casework;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** When the CSKV's task to inform the rejected is created: the rejected entries with their reasons. */
@Component("showRejected")
public class ShowRejected implements TaskListener {

  private final Cases cases;
  private final ReviewableLists lists;

  public ShowRejected(Cases cases, ReviewableLists lists) {
    this.cases = cases;
    this.lists = lists;
  }

  @Override
  public void notify(DelegateTask task) {
    var application = cases.of(task.getExecution());
    lists.of(application).showRejected(task.getExecution(), application.id());
  }
}
