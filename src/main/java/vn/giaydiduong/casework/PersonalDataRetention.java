package vn.giaydiduong.casework;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.giaydiduong.common.Dates;

/**
 * Personal data expires with the case: the people, households, passes, staff lists, files and upload links of
 * cases closed longer ago than the retention ({@code giaydiduong.retention.days}, by default the models' history
 * time to live) are anonymized at night, one case per transaction. Rows, decisions, dates, statuses and counts
 * stay, so the reports keep their numbers; Camunda's history of the same cases is removed by its history
 * cleanup. See docs/operations.md.
 */
@Component
@EnableScheduling
public class PersonalDataRetention {

  static final String ERASED = "(đã xóa)";

  private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);

  /** Open cases checked against the engine per query (an IN list short enough for every database). */
  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final Duration retention;

  public PersonalDataRetention(JdbcClient jdbc, TransactionTemplate transactions, RuntimeService runtimeService,
      HistoryService historyService, @Value("${giaydiduong.retention.days:180}") int days) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.retention = Duration.ofDays(days);
  }

  @Scheduled(cron = "${giaydiduong.retention.cron:0 30 2 * * *}", zone = "Asia/Ho_Chi_Minh")
  public void nightly() {
    int recorded = recordEarlierClosings();
    if (recorded > 0) {
      log.info("Closing time recorded for {} cases that ended before closings were recorded", recorded);
    }
    int cases = anonymizeClosedBefore(Instant.now().minus(retention));
    if (cases > 0) {
      log.info("Personal data of {} closed cases anonymized (retention {} days)", cases, retention.toDays());
    }
  }

  /**
   * Cases whose process ended before the engine recorded closings (migration V10_1) have no {@code closed_at}, so
   * their retention would never start: they get the end time from the engine's history, or now where history
   * cleanup has already removed it (late, never early). Returns how many cases were closed.
   */
  public int recordEarlierClosings() {
    List<OpenCase> open = jdbc.sql("select id, process_instance_id from pass_application "
        + "where closed_at is null and process_instance_id is not null").query(OpenCase.class).list();
    int closed = 0;
    for (int from = 0; from < open.size(); from += CHUNK) {
      List<OpenCase> chunk = open.subList(from, Math.min(open.size(), from + CHUNK));
      Set<String> ids = new HashSet<>(chunk.stream().map(OpenCase::processInstanceId).toList());
      Set<String> running = new HashSet<>(runtimeService.createProcessInstanceQuery().processInstanceIds(ids)
          .list().stream().map(ProcessInstance::getId).toList());
      for (OpenCase c : chunk) {
        if (!running.contains(c.processInstanceId())) {
          HistoricProcessInstance history = historyService.createHistoricProcessInstanceQuery()
              .processInstanceId(c.processInstanceId()).singleResult();
          Instant end = history != null && history.getEndTime() != null ? history.getEndTime().toInstant()
              : ClockUtil.getCurrentTime().toInstant();
          closed += jdbc.sql("update pass_application set closed_at = ? where id = ? and closed_at is null")
              .params(OffsetDateTime.ofInstant(end, Dates.HANOI), c.id()).update();
        }
      }
    }
    return closed;
  }

  private record OpenCase(long id, String processInstanceId) {
  }

  /** Anonymizes every case closed before {@code cutoff}; returns how many. */
  public int anonymizeClosedBefore(Instant cutoff) {
    List<Long> due = jdbc.sql("select id from pass_application where closed_at < ? and anonymized_at is null")
        .param(OffsetDateTime.ofInstant(cutoff, Dates.HANOI)).query(Long.class).list();
    due.forEach(id -> transactions.executeWithoutResult(s -> anonymize(id)));
    return due.size();
  }

  private void anonymize(long applicationId) {
    jdbc.sql("update applicant set full_name = ?, date_of_birth = date '1900-01-01', id_number = '', phone = null, "
        + "email = null, address = '', workplace = null, destination = null, purpose = '', decision_reason = null "
        + "where application_id = ?").params(ERASED, applicationId).update();
    jdbc.sql("update household set head_name = ?, representative_name = ?, representative_id_number = '', "
        + "phone = null, address = '', address_key = '', household_code = null, decision_reason = null "
        + "where application_id = ?").params(ERASED, ERASED, applicationId).update();
    jdbc.sql("update pass set holder_name = ?, masked_id_number = '', qr_text = null, delivered_to = null, "
        + "voided_reason = null, revoked_reason = null where application_id = ?").params(ERASED, applicationId)
        .update();
    jdbc.sql("delete from pass_document where application_id = ?").param(applicationId).update();
    jdbc.sql("update staff_member set job_title = null, flags = null where applicant_id in "
        + "(select id from applicant where application_id = ?)").param(applicationId).update();
    jdbc.sql("update staff_list_file set filename = ?, content = null where submission_id in "
        + "(select id from staff_list_submission where application_id = ?)").params(ERASED, applicationId).update();
    jdbc.sql("update staff_list_submission set sender = null, subject = null, problem = null "
        + "where application_id = ?").param(applicationId).update();
    jdbc.sql("update organization_registration set contact_person = ?, email = '', phone = '' "
        + "where application_id = ?").params(ERASED, applicationId).update();
    jdbc.sql("delete from organization_link where application_id = ?").param(applicationId).update();
    jdbc.sql("update pass_application set anonymized_at = ? where id = ?")
        .params(OffsetDateTime.now(Dates.HANOI), applicationId).update();
  }
}
