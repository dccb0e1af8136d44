package vn.giaydiduong.supervision;

import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.identity.WithoutEngineUser;

/**
 * Open and overdue tasks per ward and role, now: the engine's active tasks by the candidate group of each role
 * (assigned ones included), a task being overdue once its due date has passed. The ward and kind of a task are
 * those of its case, from the registry.
 */
@Component
class OpenTasks {

  /** Open and overdue tasks of one role in one ward. */
  record Load(long open, long overdue) {
    Load plus(Load other) {
      return new Load(open + other.open, overdue + other.overdue);
    }
  }

  private record Case(String wardCode, String kind) {
  }

  private final TaskService taskService;
  private final IdentityService identityService;
  private final JdbcTemplate jdbc;

  OpenTasks(TaskService taskService, IdentityService identityService, JdbcTemplate jdbc) {
    this.taskService = taskService;
    this.identityService = identityService;
    this.jdbc = jdbc;
  }

  /** Ward code → role → load, for the wards given ({@code null}: every ward) and the kind given (or any). */
  Map<String, Map<Role, Load>> byWard(Collection<String> wards, PassKind kind) {
    Map<String, Case> cases = new HashMap<>();
    // Every running instance of a case, the one opened for it and those it called (stamping), by the root.
    jdbc.query("select e.proc_inst_id_, a.ward_code, a.kind from pass_application a "
        + "join act_ru_execution e on e.root_proc_inst_id_ = a.process_instance_id and e.id_ = e.proc_inst_id_",
        rs -> {
          cases.put(rs.getString(1), new Case(rs.getString(2), rs.getString(3)));
        });
    Date now = new Date();
    Map<String, Map<Role, Load>> result = new HashMap<>();
    for (Role role : Role.values()) {
      for (Task task : tasks(role, wards)) {
        Case c = cases.get(task.getProcessInstanceId());
        if (c == null || (kind != null && !kind.name().equals(c.kind()))) {
          continue;
        }
        boolean overdue = task.getDueDate() != null && task.getDueDate().before(now);
        result.computeIfAbsent(c.wardCode(), w -> new HashMap<>())
            .merge(role, new Load(1, overdue ? 1 : 0), Load::plus);
      }
    }
    return result;
  }

  /**
   * Without the user on the engine: the dashboard's own scope decides what is counted, and a district
   * supervisor, who may read no task in Camunda, would otherwise count none.
   */
  private List<Task> tasks(Role role, Collection<String> wards) {
    if (wards != null && wards.isEmpty()) {
      return List.of();
    }
    TaskQuery query = wards == null ? taskService.createTaskQuery().taskCandidateGroupLike(role.groupId() + "-%")
        : taskService.createTaskQuery().taskCandidateGroupIn(wards.stream().map(role::groupOf).toList());
    query.includeAssignedTasks().active();
    return WithoutEngineUser.call(identityService, query::list);
  }
}
