package vn.giaydiduong.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * A case's personal data expires after it is closed: once the retention has passed, its people are anonymized,
 * their decisions and the counts stay; open cases and cases closed more recently are untouched.
 */
@SpringBootTest
@ActiveProfiles("test")
class PersonalDataRetentionTest extends ProcessTestSupport {

  @Autowired PersonalDataRetention retention;
  @Autowired ApplicationStore applications;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;
  @Autowired HistoryService historyService;

  @Test
  void aClosedCaseIsAnonymizedAfterTheRetention_anOpenOneIsNot() {
    ProcessInstance closed = register("cskv.trucbach", residents(2));
    completeTask(closed, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL",
        ProcessVariables.REJECT_ALL_REASON.name(), "Không thuộc đối tượng được đi lại"));
    managementService.createJobQuery().processInstanceId(closed.getId()).list()
        .forEach(job -> managementService.executeJob(job.getId()));
    managementService.createJobQuery().processInstanceId(closed.getId()).list()
        .forEach(job -> managementService.executeJob(job.getId()));
    completeTask(closed, "cskv.trucbach", Map.of());
    assertThat(closed).isEnded();
    ProcessInstance open = register("cskv.trucbach", residents(1));
    long closedId = applications.findByProcessInstance(closed.getId()).orElseThrow().id();
    long openId = applications.findByProcessInstance(open.getId()).orElseThrow().id();

    // Counts include other test classes' cases in the shared context: this case is asserted by its own rows.
    retention.anonymizeClosedBefore(Instant.now().minus(Duration.ofDays(1)));
    assertThat(applications.applicants(closedId).get(0).fullName()).as("not yet due")
        .isNotEqualTo(PersonalDataRetention.ERASED);

    assertThat(retention.anonymizeClosedBefore(Instant.now().plus(Duration.ofDays(1)))).isPositive();

    assertThat(applications.applicants(closedId)).hasSize(2).allSatisfy(a -> {
      assertThat(a.fullName()).isEqualTo(PersonalDataRetention.ERASED);
      assertThat(a.idNumber()).isEmpty();
      assertThat(a.email()).isNull();
      assertThat(a.decision()).isEqualTo(Decision.REJECTED);
    });
    assertThat(applications.applicants(openId)).singleElement()
        .satisfies(a -> assertThat(a.fullName()).isNotEqualTo(PersonalDataRetention.ERASED));
    assertThat(jdbc.sql("select count(*) from pass_application where id = ? and anonymized_at is not null")
        .param(closedId).query(Integer.class).single()).isEqualTo(1);
    assertThat(retention.anonymizeClosedBefore(Instant.now().plus(Duration.ofDays(1)))).as("done once").isZero();
  }

  @Test
  void aCaseThatEndedBeforeClosingsWereRecordedGetsItsEndTimeFromHistory() {
    ProcessInstance ended = register("cskv.trucbach", residents(1));
    completeTask(ended, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL",
        ProcessVariables.REJECT_ALL_REASON.name(), "Không thuộc đối tượng được đi lại"));
    managementService.createJobQuery().processInstanceId(ended.getId()).list()
        .forEach(job -> managementService.executeJob(job.getId()));
    managementService.createJobQuery().processInstanceId(ended.getId()).list()
        .forEach(job -> managementService.executeJob(job.getId()));
    completeTask(ended, "cskv.trucbach", Map.of());
    assertThat(ended).isEnded();
    ProcessInstance open = register("cskv.trucbach", residents(1));
    long endedId = applications.findByProcessInstance(ended.getId()).orElseThrow().id();
    long openId = applications.findByProcessInstance(open.getId()).orElseThrow().id();
    // As a case closed before migration V10_1 looks: no closing time.
    jdbc.sql("update pass_application set closed_at = null where id = ?").param(endedId).update();
    Instant endTime = historyService.createHistoricProcessInstanceQuery().processInstanceId(ended.getId())
        .singleResult().getEndTime().toInstant();

    assertThat(retention.recordEarlierClosings()).isPositive();

    assertThat(closedAt(endedId)).isEqualTo(endTime);
    assertThat(closedAt(openId)).as("still running").isNull();
    assertThat(retention.recordEarlierClosings()).as("done once").isZero();
    assertThat(retention.anonymizeClosedBefore(endTime.plusSeconds(1))).isPositive();
    assertThat(applications.applicants(endedId).get(0).fullName()).isEqualTo(PersonalDataRetention.ERASED);
    assertThat(applications.applicants(openId).get(0).fullName()).isNotEqualTo(PersonalDataRetention.ERASED);
  }

  private Instant closedAt(long applicationId) {
    return jdbc.sql("select closed_at from pass_application where id = ?").param(applicationId)
        .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).optional()
        .map(OffsetDateTime::toInstant).orElse(null);
  }
}
