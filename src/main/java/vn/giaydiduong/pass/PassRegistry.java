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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.rules.CardGroup;
import vn.giaydiduong.rules.MarketDays;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;
import vn.giaydiduong.ward.Zone;

/** The passes the city has issued: numbers, status, the signed QR text, stamping and delivery. */
@Repository
public class PassRegistry {

  private static final RowMapper<Pass> PASS = (rs, n) -> new Pass(rs.getString("pass_number"),
      rs.getObject("applicant_id", Long.class), rs.getLong("application_id"), PassKind.valueOf(rs.getString("kind")),
      rs.getString("ward_code"), rs.getString("holder_name"), rs.getString("masked_id_number"),
      Zone.valueOf(rs.getString("zone")), rs.getObject("valid_from", LocalDate.class),
      rs.getObject("valid_until", LocalDate.class), PassStatus.valueOf(rs.getString("status")),
      rs.getString("qr_text"), rs.getString("key_id"), rs.getString("stamped_by"),
      rs.getObject("stamped_at", OffsetDateTime.class), rs.getString("delivered_to"),
      rs.getObject("delivered_at", OffsetDateTime.class), rs.getObject("household_id", Long.class),
      rs.getString("day_rule"));

  private final JdbcTemplate jdbc;
  private final PassNumbers numbers;
  private final WardRegistry wards;

  public PassRegistry(JdbcTemplate jdbc, PassNumbers numbers, WardRegistry wards) {
    this.jdbc = jdbc;
    this.numbers = numbers;
    this.wards = wards;
  }

  /**
   * Numbers a pass for every approved person of the application who has none waiting or issued; the zone is the
   * ward's zone now. Returns the new passes.
   */
  public List<Pass> number(ApplicationStore.Application application, List<Applicant> approved) {
    Set<Long> numbered = new HashSet<>(jdbc.queryForList(
        "select applicant_id from pass where application_id = ? and status <> 'VOIDED'", Long.class,
        application.id()));
    List<Applicant> unnumbered = approved.stream().filter(a -> !numbered.contains(a.id())).toList();
    if (unnumbered.isEmpty()) {
      return List.of();
    }
    Ward ward = wards.get(application.wardCode());
    long serial = numbers.allocate(ward.code(), unnumbered.size());
    OffsetDateTime now = OffsetDateTime.now();
    List<Object[]> rows = new ArrayList<>();
    for (Applicant a : unnumbered) {
      rows.add(new Object[] {PassNumbers.format(ward.code(), serial++), a.id(), application.id(),
          application.kind().name(), ward.code(), a.fullName(), IdNumbers.mask(a.idNumber()), ward.zone().name(),
          a.validFrom(), a.validUntil(), PassStatus.AWAITING_STAMP.name(), now});
    }
    jdbc.batchUpdate("insert into pass (pass_number, applicant_id, application_id, kind, ward_code, holder_name, "
        + "masked_id_number, zone, valid_from, valid_until, status, created_at) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    return passes(application.id(), PassStatus.AWAITING_STAMP);
  }

  /**
   * Numbers a market card for every approved household of the application that has none waiting or issued. The
   * card's days and validity come from {@code rules}, which sees the card's serial (its group) and the ward's
   * zone now; cards are valid from {@code validFrom}. Returns the new cards.
   */
  public List<Pass> numberCards(ApplicationStore.Application application, List<Household> approved,
      LocalDate validFrom, BiFunction<Zone, CardGroup, MarketDays> rules) {
    Set<Long> numbered = new HashSet<>(jdbc.queryForList(
        "select household_id from pass where application_id = ? and status <> 'VOIDED'", Long.class,
        application.id()));
    List<Household> unnumbered = approved.stream().filter(h -> !numbered.contains(h.id())).toList();
    if (unnumbered.isEmpty()) {
      return List.of();
    }
    Ward ward = wards.get(application.wardCode());
    long serial = numbers.allocate(ward.code(), unnumbered.size());
    OffsetDateTime now = OffsetDateTime.now();
    Map<CardGroup, MarketDays> byGroup = new EnumMap<>(CardGroup.class);
    List<Object[]> rows = new ArrayList<>();
    for (Household h : unnumbered) {
      MarketDays days = byGroup.computeIfAbsent(CardGroup.of(serial), g -> rules.apply(ward.zone(), g));
      rows.add(new Object[] {PassNumbers.format(ward.code(), serial++), h.id(), application.id(),
          PassKind.MARKET_CARD.name(), ward.code(), h.representativeName(), IdNumbers.mask(h.representativeIdNumber()),
          ward.zone().name(), validFrom, days.validUntil(validFrom), days.dayRule().format(),
          PassStatus.AWAITING_STAMP.name(), now});
    }
    jdbc.batchUpdate("insert into pass (pass_number, household_id, application_id, kind, ward_code, holder_name, "
        + "masked_id_number, zone, valid_from, valid_until, day_rule, status, created_at) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
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
      holders.addAll(jdbc.queryForList("select distinct a.id_number from pass p join applicant a on a.id = "
          + "p.applicant_id where a.id_number in (" + marks + ") and p.status in ('ISSUED', 'DELIVERED') "
          + "and p.valid_from <= ? and p.valid_until >= ?", String.class, args.toArray()));
    }
    return holders;
  }

  public List<Pass> passes(long applicationId, PassStatus status) {
    return jdbc.query("select * from pass where application_id = ? and status = ? order by pass_number", PASS,
        applicationId, status.name());
  }

  public Optional<Pass> find(String passNumber) {
    return jdbc.query("select * from pass where pass_number = ?", PASS, passNumber).stream().findFirst();
  }

  /** Records the ward police's signature; only a pass still awaiting its stamp can be stamped. */
  public boolean markStamped(String passNumber, String qrText, String keyId, String stampedBy,
      OffsetDateTime stampedAt) {
    return jdbc.update("update pass set status = 'ISSUED', qr_text = ?, key_id = ?, stamped_by = ?, "
            + "stamped_at = ? where pass_number = ? and status = 'AWAITING_STAMP'", qrText, keyId, stampedBy,
        stampedAt, passNumber) == 1;
  }

  /** Records the handover of one pass or card; only an issued one can be handed over. */
  public boolean markDelivered(String passNumber, String deliveredTo, String deliveredBy) {
    return jdbc.update("update pass set status = 'DELIVERED', delivered_to = ?, delivered_by = ?, "
            + "delivered_at = ? where pass_number = ? and status = 'ISSUED'", deliveredTo, deliveredBy,
        OffsetDateTime.now(), passNumber) == 1;
  }

  public int markDelivered(long applicationId, String deliveredTo, String deliveredBy) {
    return jdbc.update("update pass set status = 'DELIVERED', delivered_to = ?, delivered_by = ?, "
            + "delivered_at = ? where application_id = ? and status = 'ISSUED'", deliveredTo, deliveredBy,
        OffsetDateTime.now(), applicationId);
  }

  /** Voids one pass still awaiting its stamp; its number stays used. */
  public boolean voidPass(String passNumber, String reason) {
    return jdbc.update("update pass set status = 'VOIDED', voided_reason = ? "
        + "where pass_number = ? and status = 'AWAITING_STAMP'", reason, passNumber) == 1;
  }

  /** Voids the passes still awaiting a stamp; their numbers stay used, so the series has no gaps. */
  public int voidAwaitingStamp(long applicationId, String reason) {
    return jdbc.update("update pass set status = 'VOIDED', voided_reason = ? "
        + "where application_id = ? and status = 'AWAITING_STAMP'", reason, applicationId);
  }
}
