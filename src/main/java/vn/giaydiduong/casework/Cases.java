package vn.giaydiduong.casework;

import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.ApplicationStore.Application;
import vn.giaydiduong.pass.ApplicationStore;

/**
 * The case a step works on, from the system's own record of which process instance it was opened for, never
 * from a variable: a variable can be submitted, the process instance cannot. A step of a called model (stamping)
 * runs in an instance of its own; its case is the one of the root instance, which the engine records for every
 * execution. Checked again on every step: the user completing the task must work in the case's ward (the job
 * executor acts for the system, with no user).
 */
@Component
public class Cases implements TaskListener {

  private final ApplicationStore applications;
  private final Officials officials;

  public Cases(ApplicationStore applications, Officials officials) {
    this.applications = applications;
    this.officials = officials;
  }

  public Application of(DelegateExecution execution) {
    Application application = applications.findByProcessInstance(rootInstanceOf(execution))
        .orElseThrow(() -> new ProcessEngineException("No case recorded for process instance "
            + rootInstanceOf(execution)));
    checkActor(execution, application);
    return application;
  }

  public long idOf(DelegateExecution execution) {
    return of(execution).id();
  }

  /**
   * Every user task's completion, before anything it triggers: the user must work in the case's ward. Wired
   * into every user task of every deployed model by the engine configuration (EngineHardening).
   */
  @Override
  public void notify(DelegateTask task) {
    if (task.getExecution() != null) {
      applications.findByProcessInstance(rootInstanceOf(task.getExecution()))
          .ifPresent(application -> checkActor(task.getExecution(), application));
    }
  }

  /**
   * The instance the case was opened for: this one, or the one that called it (the engine's record, no variable;
   * an execution created before the engine recorded roots has none, and is then its own).
   */
  private static String rootInstanceOf(DelegateExecution execution) {
    String root = ((ExecutionEntity) execution).getRootProcessInstanceId();
    return root != null ? root : execution.getProcessInstanceId();
  }

  private void checkActor(DelegateExecution execution, Application application) {
    Object recorded = ProcessVariables.APPLICATION_ID.get(execution);
    if (recorded != null && !Objects.equals(((Number) recorded).longValue(), application.id())) {
      throw new ProcessEngineException("Variable applicationId of process instance "
          + execution.getProcessInstanceId() + " no longer names its own case " + application.id());
    }
    String userId = officials.currentUserId();
    if (userId != null && !officials.currentUserWorksIn(application.wardCode())) {
      throw new AuthorizationException("Hồ sơ " + ProcessVariables.reference(application.id())
          + " thuộc phường khác: tài khoản " + userId + " chỉ xử lý được hồ sơ của phường mình.");
    }
  }
}
