package vn.giaydiduong.operations;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health and metrics settings ({@code giaydiduong.operations.*}, see docs/operations.md).
 *
 * @param jobBacklogThreshold executable due jobs above which readiness reports {@code jobBacklogStatus}
 * @param jobBacklogStatus what readiness reports over the threshold: OUT_OF_SERVICE (the node is fine, the city's
 *     job queue is not) or DOWN
 * @param healthCacheTtl how long a job backlog count is reused: readiness is public, so a flood of probes must
 *     not become a flood of database queries
 * @param mailCheckTimeout connect and read timeout of the SMTP check; short, since a probe waits for it
 * @param mailCheckCacheTtl how long an SMTP check result is reused
 * @param metricsRefreshInterval how often the business and engine gauges are recomputed from the database;
 *     scrapes only read the last values, so their rate never reaches the database
 * @param actuatorGroups Camunda groups that may read every actuator endpoint and the health details
 */
@ConfigurationProperties("giaydiduong.operations")
public record OperationsProperties(
    @DefaultValue("500") int jobBacklogThreshold,
    @DefaultValue("OUT_OF_SERVICE") String jobBacklogStatus,
    @DefaultValue("PT10S") Duration healthCacheTtl,
    @DefaultValue("PT3S") Duration mailCheckTimeout,
    @DefaultValue("PT30S") Duration mailCheckCacheTtl,
    @DefaultValue("PT30S") Duration metricsRefreshInterval,
    @DefaultValue({"supervisors", "camunda-admin"}) List<String> actuatorGroups) {

  public OperationsProperties {
    if (!Status.DOWN.getCode().equals(jobBacklogStatus) && !Status.OUT_OF_SERVICE.getCode().equals(jobBacklogStatus)) {
      throw new IllegalArgumentException("giaydiduong.operations.job-backlog-status must be DOWN or OUT_OF_SERVICE");
    }
    actuatorGroups = List.copyOf(actuatorGroups);
  }
}
