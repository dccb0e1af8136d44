package vn.giaydiduong.pass;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.rules.CardGroup;
import vn.giaydiduong.rules.Decided;
import vn.giaydiduong.rules.MarketDays;
import vn.giaydiduong.rules.RuleVersion;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;
import vn.giaydiduong.ward.Zone;

/** The passes the city has issued: numbers, status, the signed QR text, stamping and delivery. */
@Repository
public class PassRegistry {

  // Explicit: passes are read in lists of thousands, where query(Pass.class) is measured far slower (see
  // ApplicationStore's applicant mapper).
  private static final RowMapper<Pass> PASS = (rs, n) -> new Pass(rs.getString("pass_number"),
      rs.getObject("applicant_id", Long.class), rs.getLong("application_id"), PassKind.valueOf(rs.getString("kind")),
      rs.getString("ward_code"), rs.getString("holder_name"), rs.getString("masked_id_number"),
      Zone.valueOf(rs.getString("zone")), rs.getObject("valid_from", LocalDate.class),
      rs.getObject("valid_until", LocalDate.class), PassStatus.valueOf(rs.getString("status")),
      rs.getString("qr_text"), rs.getString("key_id"), rs.getString("stamped_by"),
      rs.getObject("stamped_at", OffsetDateTime.class), rs.getString("delivered_to"),
      rs.getObject("delivered_at", OffsetDateTime.class), rs.getObject("household_id", Long.class),
      rs.getString("day_rule"), rs.getString("rule_id") == null ? null
          : new RuleVersion(rs.getString("rule_id"), rs.getInt("rule_version")));

  private final JdbcClient jdbc;
  // JdbcClient has no batch API; the passes of a list of thousands are inserted in one JDBC batch.
  private final JdbcTemplate batch;
  private final PassNumbers numbers;
  private final WardRegistry wards;

  public PassRegistry(JdbcClient jdbc, JdbcTemplate batch, PassNumbers numbers, WardRegistry wards) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.numbers = numbers;
    this.wards = wards;
  }

  /**
   * Numbers a pass for every approved person of the application who has none waiting or issued; the zone is the
   * ward's zone now; each pass records the pass-validity version that bounded its list. Returns the new passes.
   */
  public List<Pass> number(ApplicationStore.Application application, List<Applicant> approved) {
    Map<String, Object> rule = jdbc.sql("select validity_rule_id, validity_rule_version from pass_application "
        + "where id = ?").param(application.id()).query().singleRow();
    return numberUnnumbered(application, approved, "applicant_id", Applicant::id,
        "insert into pass (pass_number, applicant_id, application_id, kind, ward_code, holder_name, "
            + "masked_id_number, zone, valid_from, valid_until, status, created_at, rule_id, rule_version) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a, number, serial, ward, now) -> new Object[] {number, a.id(), application.id(),
            application.kind().name(), ward.code(), a.fullName(), IdNumbers.mask(a.idNumber()), ward.zone().name(),
            a.validFrom(), a.validUntil(), PassStatus.AWAITING_STAMP.name(), now,
            rule.get("validity_rule_id"), rule.get("validity_rule_version")});
  }

  /**
   * Numbers a market card for every approved household of the application that has none waiting or issued. The
   * card's days and validity come from {@code rules}, which sees the card's serial (its group) and the ward's
   * zone now; cards are valid from {@code validFrom} and keep the table version that decided them. Returns the
   * new cards.
   */
  public List<Pass> numberCards(ApplicationStore.Application application, List<Household> approved,
      LocalDate validFrom, BiFunction<Zone, CardGroup, Decided<MarketDays>> rules) {
    Map<CardGroup, Decided<MarketDays>> byGroup = new EnumMap<>(CardGroup.class);
    return numberUnnumbered(application, approved, "household_id", Household::id,
        "insert into pass (pass_number, household_id, application_id, kind, ward_code, holder_name, "
            + "masked_id_number, zone, valid_from, valid_until, day_rule, status, created_at, rule_id, "
            + "rule_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (h, number, serial, ward, now) -> {
          Decided<MarketDays> decided = byGroup.computeIfAbsent(CardGroup.of(serial),
              g -> rules.apply(ward.zone(), g));
          MarketDays days = decided.value();
          return new Object[] {number, h.id(), application.id(), PassKind.MARKET_CARD.name(), ward.code(),
              h.representativeName(), IdNumbers.mask(h.representativeIdNumber()), ward.zone().name(), validFrom,
              days.validUntil(validFrom), days.dayRule().format(), PassStatus.AWAITING_STAMP.name(), now,
              decided.rule().definitionId(), decided.rule().version()};
        });
  }

  /** The values of one new pass row, in its insert's column order; {@code number} is {@code serial} formatted. */
  private interface PassRow<E> {
    Object[] of(E entry, String number, long serial, Ward ward, OffsetDateTime now);
  }

  /**
   * Numbers every approved entry (person or household) that has no live pass yet, i.e. none but voided ones under
   * {@code entryColumn}: one block of consecutive numbers for the ward, one batch insert. Returns the application's
   * passes awaiting their stamp.
   */
  private <E> List<Pass> numberUnnumbered(ApplicationStore.Application application, List<E> approved,
      String entryColumn, ToLongFunction<E> idOf, String insert, PassRow<E> row) {
    Set<Long> numbered = new HashSet<>(jdbc.sql("select " + entryColumn + " from pass where application_id = ? "
        + "and status <> 'VOIDED'").param(application.id()).query(Long.class).list());
    List<E> unnumbered = approved.stream().filter(e -> !numbered.contains(idOf.applyAsLong(e))).toList();
    if (unnumbered.isEmpty()) {
      return List.of();
    }
    Ward ward = wards.get(application.wardCode());
    long serial = numbers.allocate(ward.code(), unnumbered.size());
    OffsetDateTime now = OffsetDateTime.now();
    List<Object[]> rows = new ArrayList<>();
    for (E entry : unnumbered) {
      rows.add(row.of(entry, PassNumbers.format(ward.code(), serial), serial, ward, now));
      serial++;
    }
    batch.batchUpdate(insert, rows);
    return passes(application.id(), PassStatus.AWAITING_STAMP);
  }

  /** Which of {@code idNumbers} hold a pass that is valid on {@code day} (stamped, not revoked, not expired). */
  public Set<String> holdersOfValidPasses(List<String> idNumbers, LocalDate day) {
    Set<String> holders = new HashSet<>();
    // Chunks keep the statement's parameter count well below every driver's limit.
    for (int from = 0; from < idNumbers.size(); from += 500) {
      List<String> chunk = idNumbers.subList(from, Math.min(idNumbers.size(), from + 500));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      List<Object> args = new ArrayList<>(chunk);
      args.add(day);
      args.add(day);
      holders.addAll(jdbc.sql("select distinct a.id_number from pass p join applicant a on a.id = p.applicant_id "
          + "where a.id_number in (" + marks + ") and p.status in ('ISSUED', 'DELIVERED') "
          + "and p.valid_from <= ? and p.valid_until >= ?").params(args).query(String.class).list());
    }
    return holders;
  }

  public List<Pass> passes(long applicationId, PassStatus status) {
    return jdbc.sql("select * from pass where application_id = ? and status = ? order by pass_number")
        .params(applicationId, status.name()).query(PASS).list();
  }

  public Optional<Pass> find(String passNumber) {
    return jdbc.sql("select * from pass where pass_number = ?").param(passNumber).query(PASS).optional();
  }

  /**
   * A pass still awaiting its stamp takes the ward's zone of today, its last day and the pass-validity version that
   * bounded it (see stamping.PassStamper); a stamped pass never changes.
   */
  public boolean rezone(String passNumber, Zone zone, LocalDate validUntil, RuleVersion rule) {
    return jdbc.sql("update pass set zone = ?, valid_until = ?, rule_id = ?, rule_version = ? "
            + "where pass_number = ? and status = 'AWAITING_STAMP'")
        .params(zone.name(), validUntil, rule.definitionId(), rule.version(), passNumber).update() == 1;
  }

  /** Records the ward police's signature; only a pass still awaiting its stamp can be stamped. */
  public boolean markStamped(String passNumber, String qrText, String keyId, String stampedBy,
      OffsetDateTime stampedAt) {
    return jdbc.sql("update pass set status = 'ISSUED', qr_text = ?, key_id = ?, stamped_by = ?, stamped_at = ? "
            + "where pass_number = ? and status = 'AWAITING_STAMP'")
        .params(qrText, keyId, stampedBy, stampedAt, passNumber).update() == 1;
  }

  /** Records the handover of one pass or card; only an issued one can be handed over. */
  public boolean markDelivered(String passNumber, String deliveredTo, String deliveredBy) {
    return jdbc.sql("update pass set status = 'DELIVERED', delivered_to = ?, delivered_by = ?, delivered_at = ? "
            + "where pass_number = ? and status = 'ISSUED'")
        .params(deliveredTo, deliveredBy, OffsetDateTime.now(), passNumber).update() == 1;
  }

  public int markDelivered(long applicationId, String deliveredTo, String deliveredBy) {
    return jdbc.sql("update pass set status = 'DELIVERED', delivered_to = ?, delivered_by = ?, delivered_at = ? "
            + "where application_id = ? and status = 'ISSUED'")
        .params(deliveredTo, deliveredBy, OffsetDateTime.now(), applicationId).update();
  }

  /** Voids one pass still awaiting its stamp; its number stays used. */
  public boolean voidPass(String passNumber, String reason) {
    return jdbc.sql("update pass set status = 'VOIDED', voided_reason = ? "
        + "where pass_number = ? and status = 'AWAITING_STAMP'").params(reason, passNumber).update() == 1;
  }

  /** Voids the passes still awaiting a stamp; their numbers stay used, so the series has no gaps. */
  public int voidAwaitingStamp(long applicationId, String reason) {
    return jdbc.sql("update pass set status = 'VOIDED', voided_reason = ? "
        + "where application_id = ? and status = 'AWAITING_STAMP'").params(reason, applicationId).update();
  }
}
