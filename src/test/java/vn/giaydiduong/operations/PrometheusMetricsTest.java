package vn.giaydiduong.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.testing.CaseTasks;

/**
 * The Prometheus scrape after a pass was issued in Trúc Bạch (00004), driven through the engine as the officials
 * would (only the engine's public API and the variable names of the REST walkthrough in the README): the
 * business figures per ward equal what the tables say, the engine figures are there, and no personal data is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {OperationsTestSettings.THRESHOLD, OperationsTestSettings.NO_HEALTH_CACHE,
        OperationsTestSettings.NO_BACKGROUND_REFRESH})
@ActiveProfiles("test")
@AutoConfigureObservability
class PrometheusMetricsTest {

  private static final String WARD = "00004";
  private static final String HOLDER = "Nguyễn Thị Hằng";
  private static final String ID_NUMBER = "001187000123";

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  @Autowired OperationsMetrics metrics;

  @Test
  void theScrapeCountsAnIssuedPassInItsWard_andCarriesNoPersonalData() throws Exception {
    String instanceId = issueOnePass();
    // A check at a checkpoint, logged by a background writer.
    long checksBefore = jdbc.queryForObject("select count(*) from pass_check", Long.class);
    rest.postForEntity("/api/passes/verify", "not a pass", String.class);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> jdbc.queryForObject("select count(*) from pass_check", Long.class) > checksBefore);

    metrics.refresh();
    ResponseEntity<String> scrape = rest.withBasicAuth("giamsat", "test-password")
        .getForEntity("/actuator/prometheus", String.class);
    assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
    String text = scrape.getBody();

    long issued = jdbc.queryForObject("select count(*) from pass where ward_code = ? and stamped_at is not null",
        Long.class, WARD);
    assertThat(issued).isPositive();
    assertThat(value(text, "giaydiduong_passes_issued_total", WARD)).isEqualTo(issued);
    assertThat(value(text, "giaydiduong_registrations_received_total", WARD)).isEqualTo(
        jdbc.queryForObject("select count(*) from pass_application where ward_code = ?", Long.class, WARD));
    assertThat(value(text, "giaydiduong_people_approved_total", WARD)).isPositive();
    assertThat(value(text, "giaydiduong_people_rejected_total", WARD)).isZero();
    assertThat(value(text, "giaydiduong_passes_delivered_total", WARD)).isZero();
    assertThat(value(text, "giaydiduong_passes_revoked_total", WARD)).isZero();
    assertThat(value(text, "giaydiduong_cases_open", WARD)).as("waiting for delivery").isPositive();
    assertThat(text).contains("giaydiduong_households_approved_total{", "giaydiduong_households_rejected_total{");
    assertThat(text).containsPattern("giaydiduong_checks_total\\{[^}]*result=\"MALFORMED\"[^}]*\\} [1-9]");

    assertThat(text).containsPattern("giaydiduong_engine_tasks_open\\{[^}]*process=\"individual-pass\"[^}]*\\} [1-9]");
    assertThat(text).contains("giaydiduong_engine_incidents_open{", "giaydiduong_engine_jobs_failed ",
        "giaydiduong_engine_jobs_executable ", "giaydiduong_engine_job_events_total{",
        "event=\"job-acquisition-attempt\"", "giaydiduong_metrics_last_refresh_seconds{");
    assertThat(text).doesNotContain(HOLDER, ID_NUMBER, ID_NUMBER.substring(ID_NUMBER.length() - 3) + "\"",
        instanceId);
    // Spring Boot's own meters come along (JVM, HTTP, connection pool).
    assertThat(text).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
  }

  /** Trúc Bạch's CSKV registers one resident, the official approves, the police stamp, the async steps run. */
  private String issueOnePass() throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    Map<String, Object> resident = new LinkedHashMap<>();
    resident.put("fullName", HOLDER);
    resident.put("dateOfBirth", "1987-05-12");
    resident.put("idNumber", ID_NUMBER);
    resident.put("phone", "0912345678");
    resident.put("address", "Số 5 phố Trúc Bạch");
    resident.put("destination", "Bệnh viện Bạch Mai");
    resident.put("purpose", "Đi làm (nhân viên y tế)");
    resident.put("validFrom", today.toString());
    resident.put("validUntil", today.plusDays(14).toString());
    String residents = new ObjectMapper().writeValueAsString(List.of(resident));

    String instanceId = as("cskv.trucbach", () -> runtimeService.startProcessInstanceByKey("individual-pass",
        Variables.createVariables().putValueTyped("residents", SpinValues.jsonValue(residents).create())).getId());
    complete(instanceId, "canbo.trucbach", Map.of("reviewOutcome", "APPROVE_ALL"));
    complete(instanceId, "congan.trucbach", Map.of("stampDecision", "STAMP"));
    // Signing, then rendering: the case then waits for the CSKV's delivery task.
    for (Job job; (job = managementService.createJobQuery().rootProcessInstanceId(instanceId).singleResult())
        != null; ) {
      managementService.executeJob(job.getId());
    }
    assertThat(CaseTasks.of(processEngine, instanceId).count()).isEqualTo(1);
    return instanceId;
  }

  private void complete(String instanceId, String userId, Map<String, Object> variables) {
    Task task = CaseTasks.of(processEngine, instanceId).singleResult();
    as(userId, () -> {
      taskService.claim(task.getId(), userId);
      taskService.complete(task.getId(), variables);
      return null;
    });
  }

  private <T> T as(String userId, java.util.concurrent.Callable<T> action) throws RuntimeException {
    identityService.setAuthentication(userId, identityService.createGroupQuery().groupMember(userId).list()
        .stream().map(Group::getId).toList());
    try {
      return action.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The value of {@code metric} for {@code ward} in the scrape. */
  private static long value(String scrape, String metric, String ward) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
    Optional<Double> found = Optional.empty();
    while (line.find()) {
      if (line.group(1).contains("ward=\"" + ward + "\"")) {
        found = Optional.of(Double.parseDouble(line.group(2)));
      }
    }
    return Math.round(found.orElseThrow(() -> new AssertionError(metric + " for ward " + ward + " not in scrape")));
  }
}
