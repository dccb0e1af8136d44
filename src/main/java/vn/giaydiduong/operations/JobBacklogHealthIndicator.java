package vn.giaydiduong.operations;

import java.time.Clock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.WithoutEngineUser;

/**
 * Readiness of the async steps (mail, signing, rendering): {@code DOWN} when this node's job executor should run
 * and does not, {@code OUT_OF_SERVICE} (or {@code DOWN}, configurable) when more executable due jobs wait than
 * {@code giaydiduong.operations.job-backlog-threshold}. The backlog is the city's (all nodes share the job
 * table), so crossing it means "jobs pile up": officials would wait for their stamped passes and mails.
 */
@Component("jobBacklogHealthIndicator")
public class JobBacklogHealthIndicator implements HealthIndicator {

  private final ProcessEngine engine;
  private final OperationsProperties properties;
  private final boolean executorExpected;
  private final Cached<Long> backlog;

  public JobBacklogHealthIndicator(ProcessEngine engine, IdentityService identityService,
      OperationsProperties properties,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean executorExpected) {
    this.engine = engine;
    this.properties = properties;
    this.executorExpected = executorExpected;
    ManagementService management = engine.getManagementService();
    this.backlog = new Cached<>(() -> WithoutEngineUser.call(identityService, () -> executableJobs(management)),
        properties.healthCacheTtl(), Clock.systemUTC());
  }

  /** Jobs the executor would pick up now: retries left, due, not suspended (locked ones included). */
  static long executableJobs(ManagementService management) {
    return management.createJobQuery().executable().active().count();
  }

  @Override
  public Health health() {
    JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getJobExecutor();
    boolean active = executor != null && executor.isActive();
    long jobs;
    try {
      jobs = backlog.get();
    } catch (RuntimeException databaseDown) {
      // A plain HealthIndicator that throws turns the whole probe into a 500: readiness must answer DOWN (503).
      return Health.down().withDetail("reason", "executable jobs cannot be counted: "
          + databaseDown.getClass().getSimpleName()).build();
    }
    int threshold = properties.jobBacklogThreshold();
    Health.Builder builder;
    if (executorExpected && !active) {
      builder = Health.down().withDetail("reason", "job executor not running");
    } else if (jobs > threshold) {
      builder = Health.status(new Status(properties.jobBacklogStatus()))
          .withDetail("reason", "executable jobs above threshold");
    } else {
      builder = Health.up();
    }
    return builder.withDetail("executableJobs", jobs).withDetail("threshold", threshold)
        .withDetail("jobExecutorActive", active).withDetail("jobExecutorExpected", executorExpected).build();
  }
}
