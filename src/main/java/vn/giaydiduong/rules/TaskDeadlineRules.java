package vn.giaydiduong.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.springframework.stereotype.Service;

/**
 * How long a ward has for each kind of task, and how urgent it is, decided by the analysts' table
 * {@code processes/task-deadlines.dmn} (e.g. review within 24 h, stamping within 12 h, delivery within 48 h).
 *
 * <p>Asked at the creation of every task, so each answer is kept per deployed version of the table and task key:
 * a deployed version never changes, and the latest version is looked up at every call, so a table an analyst
 * deploys (on any node) decides the next task. Evaluating the table at every task was about a tenth of the
 * application's CPU in W3 (docs/benchmarks.md); the decision history therefore holds the first evaluation of each
 * version and task key on each node, not one per task.
 */
@Service
public class TaskDeadlineRules {

  public static final String DECISION = "task-deadlines";

  /** The deadline of one kind of task: hours from its creation, and Tasklist's priority (0–100). */
  public record Deadline(int hours, int priority) {
  }

  /** The answers of one deployed version, by task key. */
  private record Answers(String definitionId, Map<String, Deadline> byTask) {
  }

  private final LatestTable table;
  private final AtomicReference<Answers> answers = new AtomicReference<>(new Answers("", Map.of()));

  TaskDeadlineRules(LatestTable table) {
    this.table = table;
  }

  public Deadline of(String taskDefinitionKey) {
    RuleVersion latest = table.latest(DECISION);
    Answers current = answers.updateAndGet(a -> a.definitionId().equals(latest.definitionId()) ? a
        : new Answers(latest.definitionId(), new ConcurrentHashMap<>()));
    return current.byTask().computeIfAbsent(taskDefinitionKey, key -> evaluate(latest, key));
  }

  private Deadline evaluate(RuleVersion rule, String taskDefinitionKey) {
    DmnDecisionResultEntries result = table.evaluate(rule, Map.of("taskDefinitionKey", taskDefinitionKey))
        .result().getFirstResult();
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
