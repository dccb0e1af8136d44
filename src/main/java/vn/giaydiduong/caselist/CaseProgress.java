package vn.giaydiduong.caselist;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.identity.WithoutEngineUser;

/**
 * What the engine knows of a case: the step it waits at and the tasks its users worked, with who and when. Read
 * only after the caller checked, from the registry, that the user may see the case's ward; read as the system,
 * because ward users hold no history permission in Camunda (Cockpit's history is for supervisors).
 */
@Component
class CaseProgress {

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final IdentityService identityService;

  CaseProgress(TaskService taskService, RuntimeService runtimeService, HistoryService historyService,
      IdentityService identityService) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.identityService = identityService;
  }

  /**
   * The names of the open tasks of each of {@code processInstanceIds}, with those of the instances it called (the
   * shared stamp model), keyed by the case's own instance.
   */
  Map<String, List<String>> openTasks(Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> caseInstance = new HashMap<>();
    List<Task> tasks = WithoutEngineUser.call(identityService, () -> {
      for (String id : processInstanceIds) {
        runtimeService.createProcessInstanceQuery().rootProcessInstanceId(id).list()
            .forEach(instance -> caseInstance.put(instance.getId(), id));
      }
      return caseInstance.isEmpty() ? List.<Task>of() : taskService.createTaskQuery()
          .processInstanceIdIn(caseInstance.keySet().toArray(String[]::new)).orderByTaskCreateTime().asc().list();
    });
    return tasks.stream().collect(Collectors.groupingBy(t -> caseInstance.get(t.getProcessInstanceId()),
        LinkedHashMap::new, Collectors.mapping(Task::getName, Collectors.toList())));
  }

  /**
   * Where a running case waits: its open tasks and the events it waits for (an organization's list, a timer), in
   * the instances it called too (the step inside, not the call).
   */
  List<String> waitingAt(String processInstanceId) {
    return WithoutEngineUser.call(identityService, () -> historyService.createHistoricProcessInstanceQuery()
        .rootProcessInstanceId(processInstanceId).unfinished().list().stream()
        .flatMap(instance -> historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
            .unfinished().list().stream())
        .sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
        .filter(a -> a.getActivityName() != null && !a.getActivityType().contains("Gateway")
            && !"subProcess".equals(a.getActivityType()) && !"callActivity".equals(a.getActivityType()))
        .map(HistoricActivityInstance::getActivityName).distinct().toList());
  }

  /** The user tasks of the case: started, assigned to, completed or cancelled when. */
  List<CaseListStore.Event> taskEvents(String processInstanceId) {
    List<HistoricTaskInstance> tasks = WithoutEngineUser.call(identityService, () -> historyService.createHistoricTaskInstanceQuery()
        .rootProcessInstanceId(processInstanceId).orderByHistoricActivityInstanceStartTime().asc().list());
    return tasks.stream().map(t -> {
      if (t.getEndTime() == null) {
        return new CaseListStore.Event(at(t.getStartTime()),
            t.getAssignee() == null ? "(chưa ai nhận)" : t.getAssignee(), "Đang chờ: " + t.getName());
      }
      return new CaseListStore.Event(at(t.getEndTime()), t.getAssignee(),
          ("completed".equals(t.getDeleteReason()) ? "Hoàn thành: " : "Đã hủy: ") + t.getName());
    }).toList();
  }

  private static OffsetDateTime at(Date date) {
    return date.toInstant().atZone(Dates.HANOI).toOffsetDateTime();
  }

}
