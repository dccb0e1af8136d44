package vn.giaydiduong.testing;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.TaskQuery;

/** The tasks of a case: in its own process instance and in those it called (the stamp task is in stamp-and-sign). */
public final class CaseTasks {

  private CaseTasks() {
  }

  public static TaskQuery of(ProcessEngineServices engine, String processInstanceId) {
    String[] instances = engine.getRuntimeService().createProcessInstanceQuery()
        .rootProcessInstanceId(processInstanceId).list().stream().map(ProcessInstance::getId)
        .toArray(String[]::new);
    // An ended case has no running instance: a query that finds nothing, as for its own id.
    return engine.getTaskService().createTaskQuery()
        .processInstanceIdIn(instances.length == 0 ? new String[] {processInstanceId} : instances);
  }
}
