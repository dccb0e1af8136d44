package vn.giaydiduong.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;

/**
 * The health probes as a container and a supervisor see them: public status, details only for supervisors and
 * administrators, readiness out of service when async jobs pile up; and every other actuator endpoint closed to
 * anyone but supervisors and administrators, with Vietnamese answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {OperationsTestSettings.THRESHOLD, OperationsTestSettings.NO_HEALTH_CACHE,
        OperationsTestSettings.NO_BACKGROUND_REFRESH})
@ActiveProfiles("test")
@AutoConfigureObservability
class ActuatorTest {

  private static final String PASSWORD = "test-password";

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired OperationsProperties properties;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void probesArePublic_andShowDetailsOnlyToSupervisorsAndAdministrators() throws Exception {
    for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      ResponseEntity<String> anonymous = rest.getForEntity(path, String.class);
      assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
      assertThat(json.readTree(anonymous.getBody()).get("status").asText()).isEqualTo("UP");
      assertThat(json.readTree(anonymous.getBody()).has("components")).as(path).isFalse();
    }
    JsonNode official = json.readTree(rest.withBasicAuth("canbo.trucbach", PASSWORD)
        .getForEntity("/actuator/health/readiness", String.class).getBody());
    assertThat(official.has("components")).isFalse();

    for (String user : List.of("giamsat", "demo")) {
      JsonNode readiness = json.readTree(rest.withBasicAuth(user, password(user))
          .getForEntity("/actuator/health/readiness", String.class).getBody());
      assertThat(readiness.has("components")).as(user + ": " + readiness).isTrue();
      assertThat(readiness.get("components").fieldNames()).toIterable()
          .containsExactlyInAnyOrder("readinessState", "db", "mail", "jobBacklog");
      assertThat(readiness.at("/components/mail/status").asText()).as("the embedded SMTP server").isEqualTo("UP");
      assertThat(readiness.at("/components/jobBacklog/details/threshold").asInt())
          .isEqualTo(OperationsTestSettings.BACKLOG_THRESHOLD);
    }
    JsonNode liveness = json.readTree(rest.withBasicAuth("giamsat", PASSWORD)
        .getForEntity("/actuator/health/liveness", String.class).getBody());
    assertThat(liveness.has("components")).as(liveness.toString()).isTrue();
    assertThat(liveness.get("components").fieldNames()).toIterable().containsExactly("livenessState");
  }

  @Test
  void readinessIsOutOfServiceWhileTheJobBacklogIsOverTheThreshold_andRecovers() throws Exception {
    repositoryService.createDeployment().name("operations-test")
        .addModelInstance("backlog-probe.bpmn", asyncProcess()).deploy();
    long before = JobBacklogHealthIndicator.executableJobs(managementService);
    assertThat(before).as("the premise: few due jobs at start")
        .isLessThanOrEqualTo(OperationsTestSettings.BACKLOG_THRESHOLD);
    assertThat(readiness().getStatusCode()).isEqualTo(HttpStatus.OK);

    // The job executor is off in tests: each start leaves one due job, as a stalled executor would.
    List<String> instances = new ArrayList<>();
    for (long i = before; i <= OperationsTestSettings.BACKLOG_THRESHOLD; i++) {
      instances.add(runtimeService.startProcessInstanceByKey("operations-backlog-probe").getId());
    }
    ResponseEntity<String> piledUp = readiness();
    assertThat(piledUp.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(json.readTree(piledUp.getBody()).get("status").asText()).isEqualTo("OUT_OF_SERVICE");
    JsonNode details = json.readTree(rest.withBasicAuth("giamsat", PASSWORD)
        .getForEntity("/actuator/health/readiness", String.class).getBody()).at("/components/jobBacklog");
    assertThat(details.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
    assertThat(details.at("/details/executableJobs").asLong())
        .isGreaterThan(OperationsTestSettings.BACKLOG_THRESHOLD);
    assertThat(rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode())
        .as("a backlog is no reason to restart the node").isEqualTo(HttpStatus.OK);

    instances.forEach(id -> runtimeService.deleteProcessInstance(id, "test over"));
    assertThat(readiness().getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aJobExecutorThatShouldRunButDoesNot_isDown() {
    // The test profile disables the executor; a node configured to run it would be down.
    var expected = new JobBacklogHealthIndicator(engine, engine.getIdentityService(), properties, true);
    assertThat(expected.health().getStatus()).isEqualTo(Status.DOWN);
    var notExpected = new JobBacklogHealthIndicator(engine, engine.getIdentityService(), properties, false);
    assertThat(notExpected.health().getStatus()).isNotEqualTo(Status.DOWN);
  }

  @Test
  void anSmtpServerThatDoesNotAnswer_isDownWithinTheCheckTimeout() {
    JavaMailSenderImpl nowhere = new JavaMailSenderImpl();
    nowhere.setHost("127.0.0.1");
    nowhere.setPort(1); // nothing listens there: refused at once
    ObjectProvider<JavaMailSender> provider = new StaticListableBeanFactory(Map.of("sender", nowhere))
        .getBeanProvider(JavaMailSender.class);
    long start = System.nanoTime();
    var health = new SmtpHealthIndicator(provider, properties).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(properties.mailCheckTimeout().plusSeconds(2));
  }

  @Test
  void otherEndpointsNeedASupervisorOrAnAdministrator() throws Exception {
    for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator",
        "/actuator/health/db")) {
      ResponseEntity<String> anonymous = rest.getForEntity(path, String.class);
      assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
      assertThat(json.readTree(anonymous.getBody()).get("message").asText()).contains("Cần đăng nhập");

      ResponseEntity<String> official = rest.withBasicAuth("canbo.trucbach", PASSWORD).getForEntity(path,
          String.class);
      assertThat(official.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(json.readTree(official.getBody()).get("message").asText())
          .isEqualTo("Chỉ người giám sát hoặc quản trị hệ thống được xem số liệu vận hành.");

      for (String user : List.of("giamsat", "demo")) {
        assertThat(rest.withBasicAuth(user, password(user)).getForEntity(path, String.class).getStatusCode())
            .as(user + " " + path).isEqualTo(HttpStatus.OK);
      }
    }
    // A wrong password is refused on a public path too, so the per-address login throttle counts it.
    ResponseEntity<String> wrong = rest.withBasicAuth("phantich", "wrong").getForEntity("/actuator/health",
        String.class);
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(json.readTree(wrong.getBody()).get("message").asText()).contains("Sai tên đăng nhập");
  }

  private ResponseEntity<String> readiness() {
    return rest.getForEntity("/actuator/health/readiness", String.class);
  }

  private static String password(String user) {
    return user.equals("demo") ? "demo" : PASSWORD;
  }

  private static BpmnModelInstance asyncProcess() {
    return Bpmn.createExecutableProcess("operations-backlog-probe").camundaHistoryTimeToLive(1)
        .startEvent().camundaAsyncAfter().endEvent().done();
  }
}
