package vn.giaydiduong.operations;

import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import vn.giaydiduong.identity.WithoutEngineUser;
import vn.giaydiduong.operations.MeterValues.Type;

/**
 * The engine's state through Camunda's public services: open tasks and incidents per process, failed jobs and
 * the executable job backlog, and the job executor's own counters as Camunda stores them
 * ({@code ACT_RU_METER_LOG}, written by every node every 15 minutes by default, summed over all nodes).
 */
final class EngineMetrics {

  /** Camunda's job executor metrics, as named by {@link Metrics}. */
  static final List<String> JOB_EVENTS = List.of(Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS,
      Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_EXECUTION_REJECTED, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED,
      Metrics.JOB_LOCKED_EXCLUSIVE);

  private final RepositoryService repository;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final IdentityService identity;
  private final MeterValues meters;

  EngineMetrics(ProcessEngine engine, MeterValues meters) {
    this.repository = engine.getRepositoryService();
    this.tasks = engine.getTaskService();
    this.runtime = engine.getRuntimeService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
    this.meters = meters;
  }

  void refresh() {
    WithoutEngineUser.call(identity, () -> {
      // One count per deployed process key (a handful): no query lists tasks or incidents themselves.
      TreeSet<String> keys = new TreeSet<>();
      repository.createProcessDefinitionQuery().latestVersion().list().stream().map(ProcessDefinition::getKey)
          .forEach(keys::add);
      Map<Tags, Long> openTasks = new HashMap<>();
      Map<Tags, Long> incidents = new HashMap<>();
      for (String key : keys) {
        openTasks.put(Tags.of("process", key), tasks.createTaskQuery().processDefinitionKey(key).count());
        incidents.put(Tags.of("process", key), runtime.createIncidentQuery().processDefinitionKeyIn(key).count());
      }
      meters.update("giaydiduong.engine.tasks.open", Type.GAUGE, "Open user tasks per process", openTasks);
      meters.update("giaydiduong.engine.incidents.open", Type.GAUGE, "Open incidents per process", incidents);
      meters.update("giaydiduong.engine.jobs.failed", Type.GAUGE,
          "Jobs without retries left (each has an incident until a supervisor retries it)",
          management.createJobQuery().noRetriesLeft().count());
      meters.update("giaydiduong.engine.jobs.executable", Type.GAUGE,
          "Executable jobs: due, with retries left, not suspended (the job executor's backlog)",
          JobBacklogHealthIndicator.executableJobs(management));
      Map<Tags, Long> events = new HashMap<>();
      for (String event : JOB_EVENTS) {
        events.put(Tags.of("event", event), management.createMetricsQuery().name(event).sum());
      }
      meters.update("giaydiduong.engine.job.events", Type.COUNTER,
          "Camunda job executor metrics of all nodes, as stored by Camunda's metrics reporter", events);
      return null;
    });
  }
}
