package vn.giaydiduong.individual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * PostgreSQL restarts under the running app (same port, same data): the connection pool and the job executor
 * recover by themselves, and a case started before the restart is stamped, rendered and delivered after it, with
 * no incident and no step done twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000"})
@ActiveProfiles("test")
@Import(DatabaseRestartPostgresTest.RestartablePostgres.class)
@DirtiesContext
class DatabaseRestartPostgresTest extends ProcessTestSupport {

  @Autowired Server postgres;
  @Autowired ManagementService managementService;
  @Autowired PassRegistry registry;
  @Autowired TestRestTemplate rest;

  /** An embedded PostgreSQL that can be stopped and started again on its port and data directory. */
  static final class Server {
    private final File data;
    private final int port;
    private EmbeddedPostgres running;

    Server() throws IOException {
      data = Files.createTempDirectory("restartable-postgres").toFile();
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      start();
    }

    synchronized void start() throws IOException {
      running = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false)
          .setRegisterShutdownHook(false).start();
    }

    synchronized void stop() throws IOException {
      running.close();
    }

    String jdbcUrl() {
      return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class RestartablePostgres {
    @Bean(destroyMethod = "stop")
    Server restartablePostgres() throws IOException {
      return new Server();
    }

    /** The production pool's settings (Hikari's defaults), but a short wait for a connection while it is down. */
    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(Server server) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.jdbcUrl());
      config.setMaximumPoolSize(10);
      config.setConnectionTimeout(3000);
      return new HikariDataSource(config);
    }
  }

  @Test
  void postgresRestartsWhileTheAppRuns_theAppRecoversByItself_andTheCaseCompletesOnce() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", residents(2));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    awaitTask(instance, "Task_StampPasses");
    long applicationId = ((Number) runtimeService.getVariable(instance.getId(),
        ProcessVariables.APPLICATION_ID.name())).longValue();

    postgres.stop();
    try {
      assertThatThrownBy(() -> taskService.createTaskQuery().processInstanceId(instance.getId()).count())
          .as("the database is down").isInstanceOf(RuntimeException.class);
      assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode().value())
          .isEqualTo(503);
    } finally {
      postgres.start();
    }

    // No restart of the app: once PostgreSQL accepts connections again the pool replaces its dead ones (the first
    // calls may still wait for it), and the job executor acquires again.
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> isAt(instance, "Task_StampPasses"));
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    awaitTask(instance, "Task_DeliverPasses");
    completeTask(instance, "cskv.trucbach", Map.of(ProcessVariables.DELIVERED_TO.name(), "Nguyễn Thị Hằng"));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(registry.passes(applicationId, PassStatus.DELIVERED)).hasSize(2)
        .extracting(p -> p.passNumber()).doesNotHaveDuplicates();
    assertThat(managementService.createJobQuery().withException().count()).isZero();
    assertThat(runtimeService.createIncidentQuery().count()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> rest.getForEntity("/actuator/health/readiness",
        String.class).getStatusCode().value() == 200);
  }

  private void awaitTask(ProcessInstance instance, String taskKey) {
    await().atMost(Duration.ofSeconds(90)).until(() -> isAt(instance, taskKey));
  }

  /** The case's open task (in its own instance or the stamp model it called) is {@code taskKey}. */
  private boolean isAt(ProcessInstance instance, String taskKey) {
    var task = openTask(instance);
    return task != null && taskKey.equals(task.getTaskDefinitionKey());
  }
}
