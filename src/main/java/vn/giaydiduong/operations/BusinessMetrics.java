package vn.giaydiduong.operations;

import io.micrometer.core.instrument.Tags;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.giaydiduong.operations.MeterValues.Type;

/**
 * The procedures' figures per ward, counted from the project's tables (docs/operations.md lists them). Counting
 * the tables rather than incrementing counters where the work is done keeps the figures right after a restart
 * and with several nodes (every node reports the same city-wide value), and needs no change in the
 * procedures' code. Only wards with at least one registration get series, each with all of them, so a ward's
 * series appear together with its first registration.
 */
final class BusinessMetrics {

  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

  private final JdbcTemplate jdbc;
  private final MeterValues meters;

  BusinessMetrics(JdbcTemplate jdbc, MeterValues meters) {
    this.jdbc = jdbc;
    this.meters = meters;
  }

  void refresh() {
    Map<String, Long> registrations = perWard(
        "select ward_code, count(*) from pass_application group by ward_code");
    Map<String, Long> open = perWard("select a.ward_code, count(*) from pass_application a "
        + "join act_ru_execution e on e.id_ = a.process_instance_id group by a.ward_code");
    Map<String, Long[]> decisions = perWardColumns(2, "select a.ward_code, "
        + "sum(case when p.decision = 'APPROVED' then 1 else 0 end), "
        + "sum(case when p.decision = 'REJECTED' then 1 else 0 end) "
        + "from applicant p join pass_application a on a.id = p.application_id group by a.ward_code");
    Map<String, Long[]> households = perWardColumns(2, "select a.ward_code, "
        + "sum(case when h.decision = 'APPROVED' then 1 else 0 end), "
        + "sum(case when h.decision = 'REJECTED' then 1 else 0 end) "
        + "from household h join pass_application a on a.id = h.application_id group by a.ward_code");
    // A stamped pass keeps stamped_at when it is delivered or revoked; a voided one was never stamped.
    Map<String, Long[]> passes = perWardColumns(3, "select ward_code, "
        + "sum(case when stamped_at is not null then 1 else 0 end), "
        + "sum(case when delivered_at is not null then 1 else 0 end), "
        + "sum(case when revoked_at is not null then 1 else 0 end) from pass group by ward_code");

    Iterable<String> wards = registrations.keySet();
    counter(wards, "giaydiduong.registrations.received",
        "Registrations (lists of people, organizations, household lists) received", registrations);
    counter(wards, "giaydiduong.people.approved", "People approved by the ward official", column(decisions, 0));
    counter(wards, "giaydiduong.people.rejected", "People rejected by the ward official", column(decisions, 1));
    counter(wards, "giaydiduong.households.approved", "Households approved for a market card",
        column(households, 0));
    counter(wards, "giaydiduong.households.rejected", "Households rejected for a market card",
        column(households, 1));
    counter(wards, "giaydiduong.passes.issued", "Passes and market cards stamped (signed) by the ward police",
        column(passes, 0));
    counter(wards, "giaydiduong.passes.delivered", "Passes and market cards handed to their holders",
        column(passes, 1));
    counter(wards, "giaydiduong.passes.revoked", "Passes and market cards revoked after issue", column(passes, 2));
    Map<Tags, Long> openRows = new HashMap<>();
    wards.forEach(ward -> openRows.put(Tags.of("ward", ward), open.getOrDefault(ward, 0L)));
    meters.update("giaydiduong.cases.open", Type.GAUGE, "Registrations whose process instance is still running",
        openRows);

    refreshChecks();
  }

  /**
   * Checks since midnight (Hanoi time) by verdict: a counter that restarts every day, which Prometheus's
   * {@code increase} and {@code rate} handle like any counter reset. Counting one day keeps the query on the
   * {@code checked_at} index however large the log grows. No ward tag: the ward of a forged code is whatever
   * its forger wrote.
   */
  private void refreshChecks() {
    OffsetDateTime midnight = LocalDate.now(HANOI).atStartOfDay(HANOI).toOffsetDateTime();
    Map<Tags, Long> rows = new HashMap<>();
    jdbc.query("select status, offline, count(*) from pass_check where checked_at >= ? group by status, offline",
        rs -> {
          rows.merge(Tags.of("result", rs.getString(1), "offline", Boolean.toString(rs.getBoolean(2))),
              rs.getLong(3), Long::sum);
        }, midnight);
    meters.update("giaydiduong.checks", Type.COUNTER,
        "Checks answered since midnight (Hanoi time) by verdict; restarts at 0 every day", rows);
  }

  private void counter(Iterable<String> wards, String name, String description, Map<String, Long> perWard) {
    Map<Tags, Long> rows = new HashMap<>();
    wards.forEach(ward -> rows.put(Tags.of("ward", ward), perWard.getOrDefault(ward, 0L)));
    meters.update(name, Type.COUNTER, description, rows);
  }

  private Map<String, Long> perWard(String sql) {
    Map<String, Long> result = new HashMap<>();
    jdbc.query(sql, rs -> {
      result.put(rs.getString(1), rs.getLong(2));
    });
    return result;
  }

  private Map<String, Long[]> perWardColumns(int columns, String sql) {
    Map<String, Long[]> result = new HashMap<>();
    jdbc.query(sql, rs -> {
      Long[] values = new Long[columns];
      for (int i = 0; i < columns; i++) {
        values[i] = rs.getLong(i + 2);
      }
      result.put(rs.getString(1), values);
    });
    return result;
  }

  private static Map<String, Long> column(Map<String, Long[]> rows, int index) {
    Map<String, Long> result = new HashMap<>();
    rows.forEach((ward, values) -> result.put(ward, values[index]));
    return result;
  }
}
