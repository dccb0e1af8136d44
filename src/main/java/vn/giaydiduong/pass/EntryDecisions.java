package vn.giaydiduong.pass;

import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ward official's decisions on the entries of one list, the same for people ({@code applicant}) and
 * households ({@code household}): both tables number their entries by position and keep decision, reason, who and
 * when.
 */
final class EntryDecisions {

  private final JdbcClient jdbc;
  // JdbcClient has no batch API; a list of thousands is decided in one JDBC batch.
  private final JdbcTemplate batch;
  private final String table;

  /** {@code table} is one of the entry tables, never user input. */
  EntryDecisions(JdbcClient jdbc, JdbcTemplate batch, String table) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.table = table;
  }

  /** Decides every pending entry: those in {@code rejected} with their reason, all others approved. */
  void decide(long applicationId, Map<Integer, String> rejected, String decidedBy) {
    OffsetDateTime now = OffsetDateTime.now();
    var rows = jdbc.sql("select id, position from " + table + " where application_id = ? and decision = ?")
        .params(applicationId, Decision.PENDING.name())
        .query((rs, n) -> {
          String reason = rejected.get(rs.getInt("position"));
          return new Object[] {reason == null ? Decision.APPROVED.name() : Decision.REJECTED.name(), reason,
              decidedBy, now, rs.getLong("id")};
        }).list();
    batch.batchUpdate("update " + table + " set decision = ?, decision_reason = ?, decided_by = ?, decided_at = ? "
        + "where id = ?", rows);
  }

  /** Sends approved entries back for a new review (the ward police returned the list). */
  void reopenApproved(long applicationId) {
    jdbc.sql("update " + table + " set decision = 'PENDING', decision_reason = null, decided_by = null, "
        + "decided_at = null where application_id = ? and decision = 'APPROVED'").param(applicationId).update();
  }
}
