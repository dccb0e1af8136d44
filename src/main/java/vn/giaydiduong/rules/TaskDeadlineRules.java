package vn.giaydiduong.rules;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

/**
 * How long a ward has for each kind of task, and how urgent it is, decided by the analysts' table
 * {@code processes/task-deadlines.dmn} (e.g. review within 24 h, stamping within 12 h, delivery within 48 h).
 */
@Service
public class TaskDeadlineRules {

  public static final String DECISION = "task-deadlines";

  /** The deadline of one kind of task: hours from its creation, and Tasklist's priority (0–100). */
  public record Deadline(int hours, int priority) {
  }

  private final DecisionService decisions;

  public TaskDeadlineRules(DecisionService decisions) {
    this.decisions = decisions;
  }

  public Deadline of(String taskDefinitionKey) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION)
        .variables(Map.of("taskDefinitionKey", taskDefinitionKey)).evaluate().getFirstResult();
    Object hours = result == null ? null : result.get("hours");
    Object priority = result == null ? null : result.get("priority");
    if (!(hours instanceof Number h) || h.intValue() < 1 || h.intValue() > 24 * 31
        || !(priority instanceof Number p) || p.intValue() < 0 || p.intValue() > 100) {
      throw new RuleException(DECISION, "công việc " + taskDefinitionKey + " cần hạn từ 1 đến 744 giờ và độ ưu "
          + "tiên từ 0 đến 100, bảng trả về " + hours + " giờ, ưu tiên " + priority);
    }
    return new Deadline(h.intValue(), p.intValue());
  }
}
