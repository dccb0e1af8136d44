package vn.giaydiduong.engine;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.ApplicationContext;

/**
 * Listeners that every deployed model gets, among the built-in ones (run first, never skipped), so a new model
 * or task cannot forget them: a user task's deadline on creation ({@code taskDeadlines}) and the case check on
 * completion ({@code cases}: nothing a completion triggers runs for a user of another ward); the case's closing
 * when a process ends ({@code caseClosing}, the start of its personal data's retention). The beans are resolved on
 * first use: they depend on engine services that do not exist while models are parsed.
 */
final class BuiltInListeners extends AbstractBpmnParseListener {

  private final TaskListener onCreate;
  private final TaskListener onComplete;

  private final ExecutionListener onEnd;

  BuiltInListeners(ApplicationContext beans) {
    this.onCreate = task -> beans.getBean(EngineHardening.DEADLINES, TaskListener.class).notify(task);
    this.onComplete = task -> beans.getBean(EngineHardening.CASE_CHECK, TaskListener.class).notify(task);
    this.onEnd = execution -> beans.getBean(EngineHardening.CASE_CLOSING, ExecutionListener.class)
        .notify(execution);
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, onEnd);
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, onCreate);
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, onComplete);
  }
}
