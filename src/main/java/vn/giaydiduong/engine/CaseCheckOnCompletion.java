package vn.giaydiduong.engine;

import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Puts the case check among the built-in complete listeners (run first, never skipped) of every user task of
 * every deployed model, so a new model or task cannot forget it: nothing a completion triggers runs for a user of
 * another ward.
 */
final class CaseCheckOnCompletion extends AbstractBpmnParseListener {

  private final TaskListener check;

  CaseCheckOnCompletion(Supplier<TaskListener> check) {
    // Resolved on first use: the bean depends on engine services that do not exist while models are parsed.
    this.check = task -> check.get().notify(task);
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
        .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, check);
  }
}
