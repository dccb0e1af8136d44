package vn.giaydiduong.casework;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import vn.giaydiduong.rules.TaskDeadlineRules;

/**
 * Gives every user task, when it is created, its due date and priority from the analysts' deadline table, so
 * Tasklist can sort by what is due first and the "Quá hạn" filters show what is late. Wired into every user task
 * of every deployed model by the engine configuration (EngineHardening).
 */
@Component("taskDeadlines")
public class TaskDeadlines implements TaskListener {

  private final TaskDeadlineRules rules;

  public TaskDeadlines(TaskDeadlineRules rules) {
    this.rules = rules;
  }

  @Override
  public void notify(DelegateTask task) {
    var deadline = rules.of(task.getTaskDefinitionKey());
    task.setDueDate(new Date(ClockUtil.getCurrentTime().getTime() + TimeUnit.HOURS.toMillis(deadline.hours())));
    task.setPriority(deadline.priority());
  }
}
