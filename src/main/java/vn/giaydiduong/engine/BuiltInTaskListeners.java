package vn.giaydiduong.engine;

import java.util.function.Function;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Listeners that every user task of every deployed model gets, among the built-in ones (run first, never
 * skipped), so a new model or task cannot forget them: on creation its deadline ({@code taskDeadlines}); on
 * completion the case check ({@code cases}): nothing a completion triggers runs for a user of another ward.
 * The beans are resolved on first use: they depend on engine services that do not exist while models are parsed.
 */
final class BuiltInTaskListeners extends AbstractBpmnParseListener {

  private final TaskListener onCreate;
  private final TaskListener onComplete;

  BuiltInTaskListeners(Function<String, TaskListener> beans) {
    this.onCreate = task -> beans.apply(EngineHardening.DEADLINES).notify(task);
    this.onComplete = task -> beans.apply(EngineHardening.CASE_CHECK).notify(task);
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, onComplete);
  }
}
