package vn.giaydiduong.pass;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.intake.ApplicantDraft;
import vn.giaydiduong.rules.RuleVersion;

/** Registrations and the people on them, with the ward official's decision per person. */
@Repository
public class ApplicationStore {

  public record Application(long id, PassKind kind, String wardCode, String processInstanceId,
      String registeredBy, OffsetDateTime registeredAt) {
  }

  /**
   * Explicit, unlike the other rows: people are read in lists of thousands, where {@code query(Applicant.class)}
   * measured 10 to 40 times slower (5,000 rows: 140 ms against 3-15 ms, H2 and PostgreSQL). Spring 6.2 tries each
   * camelCase name as a column first and the driver throws for every such component of every row
   * (spring-framework#37297, fixed later by trying the underscore name first). Households and passes likewise.
   */
  private static final RowMapper<Applicant> APPLICANT = (rs, n) -> new Applicant(rs.getLong("id"),
      rs.getLong("application_id"), rs.getInt("position"), rs.getString("full_name"),
      rs.getObject("date_of_birth", LocalDate.class), rs.getString("id_number"), rs.getString("phone"),
      rs.getString("email"), rs.getString("address"), rs.getString("workplace"), rs.getString("destination"),
      rs.getString("purpose"), rs.getObject("valid_from", LocalDate.class),
      rs.getObject("valid_until", LocalDate.class), Decision.valueOf(rs.getString("decision")),
      rs.getString("decision_reason"), rs.getObject("rejection_notified_at", OffsetDateTime.class));

  private final JdbcClient jdbc;
  // JdbcClient has no batch API; a list of thousands of people is inserted in one JDBC batch.
  private final JdbcTemplate batch;
  private final EntryDecisions decisions;

  public ApplicationStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.decisions = new EntryDecisions(jdbc, batch, "applicant");
  }

  /** The registration itself; its people or households are stored by the caller in the same transaction. */
  public long createApplication(PassKind kind, String wardCode, String registeredBy, String processInstanceId) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("insert into pass_application (kind, ward_code, process_instance_id, registered_by, registered_at) "
            + "values (?, ?, ?, ?, ?)")
        .params(kind.name(), wardCode, processInstanceId, registeredBy, OffsetDateTime.now()).update(key, "id");
    return Objects.requireNonNull(key.getKey()).longValue();
  }

  /** Adds people after those already on the application (an organization's list arrives after registration). */
  public void addApplicants(long applicationId, List<ApplicantDraft> people) {
    int first = jdbc.sql("select coalesce(max(position), 0) from applicant where application_id = ?")
        .param(applicationId).query(Integer.class).single() + 1;
    batch.batchUpdate("insert into applicant (application_id, position, full_name, date_of_birth, id_number, "
        + "phone, email, address, workplace, destination, purpose, valid_from, valid_until) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            ApplicantDraft p = people.get(i);
            ps.setLong(1, applicationId);
            ps.setInt(2, first + i);
            ps.setString(3, p.fullName());
            ps.setDate(4, Date.valueOf(p.dateOfBirth()));
            ps.setString(5, p.idNumber());
            ps.setString(6, p.phone());
            ps.setString(7, p.email());
            ps.setString(8, p.address());
            ps.setString(9, p.workplace());
            ps.setString(10, p.destination());
            ps.setString(11, p.purpose());
            ps.setDate(12, Date.valueOf(p.validFrom()));
            ps.setDate(13, Date.valueOf(p.validUntil()));
          }

          @Override
          public int getBatchSize() {
            return people.size();
          }
        });
  }

  /** The pass-validity table version that bounded the list; the case's passes carry it (PassRegistry#number). */
  public void setValidityRule(long applicationId, RuleVersion rule) {
    jdbc.sql("update pass_application set validity_rule_id = ?, validity_rule_version = ? where id = ?")
        .params(rule.definitionId(), rule.version(), applicationId).update();
  }

  /** The organization whose staff the application's passes are for (printed and signed into the QR code). */
  public void setOrganizationName(long applicationId, String organizationName) {
    jdbc.sql("update pass_application set organization_name = ? where id = ?").params(organizationName,
        applicationId).update();
  }

  /** Empty also when the application has no organization (a null column). */
  public Optional<String> organizationName(long applicationId) {
    return jdbc.sql("select organization_name from pass_application where id = ?").param(applicationId)
        .query(String.class).optional();
  }

  public Application get(long id) {
    return find(id).orElseThrow(() -> new IllegalStateException("No application " + id));
  }

  public Optional<Application> find(long id) {
    return jdbc.sql("select * from pass_application where id = ?").param(id).query(Application.class).optional();
  }

  /** The registration a process instance was started for: written once, at the start, by the system. */
  public Optional<Application> findByProcessInstance(String processInstanceId) {
    return jdbc.sql("select * from pass_application where process_instance_id = ?").param(processInstanceId)
        .query(Application.class).optional();
  }

  public List<Applicant> applicants(long applicationId) {
    return jdbc.sql("select * from applicant where application_id = ? order by position").param(applicationId)
        .query(APPLICANT).list();
  }

  public List<Applicant> applicants(long applicationId, Decision decision) {
    return jdbc.sql("select * from applicant where application_id = ? and decision = ? order by position")
        .params(applicationId, decision.name()).query(APPLICANT).list();
  }

  /** Decides every pending person: those in {@code rejected} with their reason, all others approved. */
  public void decide(long applicationId, Map<Integer, String> rejected, String decidedBy) {
    decisions.decide(applicationId, rejected, decidedBy);
  }

  /** Sends approved persons back for a new review (the ward police returned the list). */
  public void reopenApproved(long applicationId) {
    decisions.reopenApproved(applicationId);
  }

  /** Rejects an approved person whose pass the ward police refused to stamp; they are told like any rejection. */
  public void rejectAfterReview(long applicantId, String reason, String decidedBy) {
    jdbc.sql("update applicant set decision = 'REJECTED', decision_reason = ?, decided_by = ?, decided_at = ?, "
        + "rejection_notified_at = null where id = ?").params(reason, decidedBy, OffsetDateTime.now(), applicantId)
        .update();
  }

  public void markRejectionNotified(long applicantId) {
    jdbc.sql("update applicant set rejection_notified_at = ? where id = ?").params(OffsetDateTime.now(), applicantId)
        .update();
  }
}
