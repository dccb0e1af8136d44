package vn.giaydiduong.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.giaydiduong.mail.FakeSmtpServer;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Mail faults with the real job executor (lock time 2 s, so a lock expires within the test): nothing lost, nothing
 * doubled. The app sends through {@link FakeSmtpServer}, which the tests stop, start and slow down. The
 * organization's confirmation (the first async step of {@code organization-pass}) is the mail observed.
 */
@SpringBootTest(properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.lock-time-in-millis=" + MailFaultsTest.LOCK_TIME_MILLIS,
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=500"})
@ActiveProfiles("test")
class MailFaultsTest extends ProcessTestSupport {

  static final long LOCK_TIME_MILLIS = 2000;
  /** The lock of the node that died: long enough for the test to see it, short enough to wait for. */
  private static final long DEAD_LOCK_MILLIS = 8000;
  private static final String STEP = "Gửi email xác nhận và hướng dẫn nộp danh sách";
  private static FakeSmtpServer smtp;

  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  /** The app's sender, with the SMTP timeouts of every profile, pointed at the fake server. */
  @TestConfiguration
  static class FakeSmtp {
    @Bean
    @Primary
    JavaMailSender faultyMailSender(Environment environment) throws IOException {
      smtp = new FakeSmtpServer();
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      Properties javaMail = new Properties();
      javaMail.putAll(Binder.get(environment).bind("spring.mail.properties",
          Bindable.mapOf(String.class, String.class)).get());
      sender.setJavaMailProperties(javaMail);
      sender.setHost("127.0.0.1");
      sender.setPort(smtp.port());
      sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
      return sender;
    }
  }

  @AfterAll
  static void stopSmtp() throws IOException {
    smtp.close();
  }

  @Test
  void smtpDownThenBack_everyDueMailGoesOutOnce_afterAVietnameseIncidentAndItsRetry() throws Exception {
    smtp.stop();
    List<ProcessInstance> instances;
    try {
      instances = List.of(register("down-1@example.vn"), register("down-2@example.vn"));
      // The executor retries each mail job; the test moves each retry's due date to now instead of waiting.
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
        hurryRetries(instances);
        return incidents(instances).size() == 2;
      });
      assertThat(smtp.deliveredTo("down-1@example.vn")).isEmpty();
      assertThat(smtp.deliveredTo("down-2@example.vn")).isEmpty();
      for (Incident incident : incidents(instances)) {
        assertThat(incident.getIncidentMessage())
            .startsWith("Bước «" + STEP + "» không thực hiện được sau các lần hệ thống tự thử lại. Máy chủ thư "
                + "không trả lời hoặc từ chối thư")
            .contains("bấm «Retry»");
      }
      // Every failed send released its claim: the retry from the incident sends.
      assertThat(claims(instances)).isZero();
    } finally {
      smtp.start();
    }

    // What Cockpit's «Retry» of an incident does (one retry, due now).
    for (Incident incident : incidents(instances)) {
      managementService.setJobRetries(1).jobId(incident.getConfiguration()).dueDate(new Date()).execute();
    }
    for (ProcessInstance instance : instances) {
      awaitWaitingForList(instance);
    }
    assertThat(smtp.deliveredTo("down-1@example.vn")).hasSize(1);
    assertThat(smtp.deliveredTo("down-2@example.vn")).hasSize(1);
    assertThat(incidents(instances)).isEmpty();
  }

  @Test
  void smtpHoldingItsAnswerPastTheJobLock_theMailStillGoesOutOnce() throws Exception {
    String recipient = "slow@example.vn";
    AtomicReference<ProcessInstance> instance = new AtomicReference<>();
    // The server answers the first send only once the executor has taken the job again after its lock expired
    // and that second run failed (it found the mail being sent), or once a second copy arrived (the defect).
    smtp.holdFirstMessageUntil(recipient, () -> instance.get() != null
        && (retriedAfterAFailure(instance.get()) || !smtp.deliveredTo(recipient).isEmpty()));
    instance.set(register(recipient));
    assertThat(smtp.awaitFirstDataHeld(30)).isTrue();

    awaitWaitingForList(instance.get());
    assertThat(smtp.deliveredTo(recipient)).hasSize(1);
    assertThat(incidents(List.of(instance.get()))).isEmpty();
  }

  @Test
  void aJobLockedByANodeThatDied_runsOnceItsLockExpires() {
    String recipient = "dead-node@example.vn";
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.getJobExecutor().getLockTimeInMillis()).isEqualTo(LOCK_TIME_MILLIS);
    ProcessInstance instance = start(recipient);
    Task entry = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    actAs("canbo.trucbach");
    try {
      taskService.claim(entry.getId(), "canbo.trucbach");
      // The official's entry creates the confirmation job, here already locked by a node that will never run it.
      int locked = new TransactionTemplate(transactions).execute(status -> {
        taskService.complete(entry.getId(), Map.of());
        return jdbc.update("update ACT_RU_JOB set LOCK_OWNER_ = 'dead-node', LOCK_EXP_TIME_ = ? "
            + "where PROCESS_INSTANCE_ID_ = ?", new Date(System.currentTimeMillis() + DEAD_LOCK_MILLIS),
            instance.getId());
      });
      assertThat(locked).isEqualTo(1);
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(jdbc.queryForList("select LOCK_OWNER_ from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ?",
        String.class, instance.getId())).containsExactly("dead-node");

    awaitWaitingForList(instance);
    assertThat(smtp.deliveredTo(recipient)).hasSize(1);
  }

  /** A registration the ward official has entered: its confirmation mail is due. */
  private ProcessInstance register(String email) {
    ProcessInstance instance = start(email);
    completeTask(instance, "canbo.trucbach", Map.of());
    return instance;
  }

  private ProcessInstance start(String email) {
    actAs("cskv.trucbach");
    try {
      return runtimeService.startProcessInstanceByKey("organization-pass", registration(email));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static Map<String, Object> registration(String email) {
    Map<String, Object> form = OrganizationPassProcessTest.registration(3);
    form.put("contactEmail", email);
    return form;
  }

  private boolean retriedAfterAFailure(ProcessInstance instance) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    return job != null && job.getExceptionMessage() != null;
  }

  private void hurryRetries(List<ProcessInstance> instances) {
    for (ProcessInstance instance : instances) {
      for (Job job : managementService.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft()
          .list()) {
        if (job.getExceptionMessage() != null && job.getDuedate() != null && job.getDuedate().after(new Date())) {
          try {
            managementService.setJobDuedate(job.getId(), new Date());
          } catch (RuntimeException executingRightNow) {
            // the executor holds it; the next poll tries again
          }
        }
      }
    }
  }

  private void awaitWaitingForList(ProcessInstance instance) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      hurryRetries(List.of(instance));
      return runtimeService.getActiveActivityIds(instance.getId()).contains("Gateway_WaitForList");
    });
  }

  private List<Incident> incidents(List<ProcessInstance> instances) {
    return instances.stream().flatMap(i -> runtimeService.createIncidentQuery().processInstanceId(i.getId())
        .list().stream()).toList();
  }

  private int claims(List<ProcessInstance> instances) {
    return instances.stream().mapToInt(i -> jdbc.queryForObject("select count(*) from sent_mail m "
        + "join pass_application a on a.id = m.application_id where a.process_instance_id = ?", Integer.class,
        i.getId())).sum();
  }
}
