package vn.giaydiduong.verify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.rules.ZoneChangeAction;
import vn.giaydiduong.rules.ZoneChangeRules;
import vn.giaydiduong.ward.WardRegistry;
import vn.giaydiduong.ward.Zone;

/**
 * What a ward's zone change does to the passes already issued there ({@code processes/zone-change.dmn}): each
 * issued, unrevoked, unexpired pass is kept, shortened (a new last day recorded beside it; its QR keeps its
 * signed dates) or revoked, in the transaction of the change, which is recorded with its counts. Checkpoints learn
 * the shortenings online through {@link PassStandings} and offline from {@link #offlineRules(LocalDate)}.
 */
@Service
public class ZoneChanges {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneChanges.class);

  /** One change of a ward's zone, as recorded. */
  public record Change(long id, String wardCode, Zone oldZone, Zone newZone, String changedBy, Instant changedAt,
      LocalDate shortenedUntil, int kept, int shortened, int revoked) {
  }

  /** A pass a change shortened or revoked, with the CSKV (or other user) who registered its holder. */
  public record Affected(String passNumber, String kind, String holderName, String maskedIdNumber,
      ZoneChangeAction action, LocalDate signedUntil, LocalDate validUntil, String registeredBy) {
  }

  /**
   * For checkpoints offline: passes of {@code ward} of {@code kind} signed with {@code zone} at or before
   * {@code signedBefore} (the QR's issue time, whole seconds) are valid until {@code validUntil} at the latest,
   * because the ward changed to {@code newZone} on {@code changedOn}.
   */
  public record OfflineRule(String ward, String zone, String kind, Instant signedBefore, String newZone,
      LocalDate changedOn, LocalDate validUntil) {
  }

  private record Issued(String passNumber, PassKind kind, Zone zone, LocalDate lastDay) {
  }

  private record Decided(Issued pass, ZoneChangeAction action) {
  }

  private final JdbcClient jdbc;
  private final ZoneChangeRules rules;
  private final Revocations revocations;
  private final PassStandings standings;

  public ZoneChanges(JdbcClient jdbc, ZoneChangeRules rules, Revocations revocations, PassStandings standings) {
    this.jdbc = jdbc;
    this.rules = rules;
    this.revocations = revocations;
    this.standings = standings;
  }

  /** Runs inside {@link WardRegistry#changeZone}'s transaction: a failing rule rolls the zone change back. */
  @EventListener
  void zoneChanged(WardRegistry.ZoneChanged change) {
    LocalDate changeDay = LocalDate.ofInstant(change.changedAt(), Dates.HANOI);
    List<Issued> issued = jdbc.sql("select pass_number, kind, zone, coalesce(shortened_until, valid_until) as last_day "
            + "from pass where ward_code = ? and status in ('ISSUED', 'DELIVERED') "
            + "and coalesce(shortened_until, valid_until) >= ? order by pass_number")
        .params(change.wardCode(), changeDay)
        .query((rs, n) -> new Issued(rs.getString("pass_number"), PassKind.valueOf(rs.getString("kind")),
            Zone.valueOf(rs.getString("zone")), rs.getObject("last_day", LocalDate.class)))
        .list();
    // One evaluation per signed zone and kind, not per pass: each is kept in the decision history.
    Map<String, ZoneChangeAction> actions = new HashMap<>();
    List<Decided> decided = issued.stream().map(p -> new Decided(p, actions.computeIfAbsent(p.zone() + "/" + p.kind(),
        k -> rules.action(p.zone(), change.newZone(), p.kind())))).toList();
    LocalDate until = decided.stream().anyMatch(d -> d.action() == ZoneChangeAction.SHORTEN)
        ? rules.shortenedUntil(change.newZone(), changeDay) : null;
    List<Decided> shortened = decided.stream()
        .filter(d -> d.action() == ZoneChangeAction.SHORTEN && until.isBefore(d.pass().lastDay())).toList();
    List<Decided> revoked = decided.stream().filter(d -> d.action() == ZoneChangeAction.REVOKE).toList();
    int kept = issued.size() - shortened.size() - revoked.size();

    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("insert into zone_change (ward_code, old_zone, new_zone, changed_by, changed_at, shortened_until, kept, "
            + "shortened, revoked) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(change.wardCode(), change.oldZone().name(), change.newZone().name(), change.changedBy(),
            change.changedAt().atOffset(ZoneOffset.UTC), shortened.isEmpty() ? null : until, kept, shortened.size(),
            revoked.size())
        .update(key, "id");
    long changeId = key.getKey().longValue();
    for (Decided d : shortened) {
      jdbc.sql("update pass set shortened_until = ?, shortened_by_change = ? where pass_number = ?")
          .params(until, changeId, d.pass().passNumber()).update();
      record(changeId, d, until);
    }
    String reason = "Phường chuyển từ " + change.oldZone().label().toLowerCase() + " sang "
        + change.newZone().label().toLowerCase() + " ngày " + Dates.format(changeDay) + ": giấy cấp trước đó bị thu "
        + "hồi để cấp lại theo quy định của vùng mới.";
    for (Decided d : revoked) {
      revocations.markRevoked(d.pass().passNumber(), reason, change.changedBy());
      record(changeId, d, null);
    }
    standings.changed();
    LOG.info("Zone of ward {} changed {} -> {} by {}: {} passes kept, {} shortened until {}, {} revoked",
        change.wardCode(), change.oldZone(), change.newZone(), change.changedBy(), kept, shortened.size(), until,
        revoked.size());
  }

  private void record(long changeId, Decided d, LocalDate validUntil) {
    jdbc.sql("insert into zone_change_pass (zone_change_id, pass_number, action, signed_until, valid_until) "
            + "values (?, ?, ?, ?, ?)")
        .params(changeId, d.pass().passNumber(), d.action().name(), d.pass().lastDay(), validUntil).update();
  }

  /** The ward's most recent zone change, if it had one. */
  public Optional<Change> latest(String wardCode) {
    return jdbc.sql("select * from zone_change where ward_code = ? order by changed_at desc, id desc "
            + "fetch first 1 rows only")
        .param(wardCode)
        .query((rs, n) -> new Change(rs.getLong("id"), rs.getString("ward_code"),
            Zone.valueOf(rs.getString("old_zone")), Zone.valueOf(rs.getString("new_zone")),
            rs.getString("changed_by"), rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
            rs.getObject("shortened_until", LocalDate.class), rs.getInt("kept"), rs.getInt("shortened"),
            rs.getInt("revoked")))
        .optional();
  }

  /** The passes {@code change} shortened or revoked, by registering user and pass number. */
  public List<Affected> affected(Change change) {
    return jdbc.sql("select zp.pass_number, p.kind, p.holder_name, p.masked_id_number, zp.action, "
            + "zp.signed_until, zp.valid_until, a.registered_by "
            + "from zone_change_pass zp join pass p on p.pass_number = zp.pass_number "
            + "join pass_application a on a.id = p.application_id "
            + "where zp.zone_change_id = ? order by a.registered_by, zp.pass_number")
        .param(change.id())
        .query((rs, n) -> new Affected(rs.getString("pass_number"), rs.getString("kind"),
            rs.getString("holder_name"), rs.getString("masked_id_number"),
            ZoneChangeAction.valueOf(rs.getString("action")), rs.getObject("signed_until", LocalDate.class),
            rs.getObject("valid_until", LocalDate.class), rs.getString("registered_by")))
        .list();
  }

  /**
   * The shortenings still in force on {@code today}, as rules a checkpoint applies offline to a pass's signed
   * claims: one per change and signed zone and kind it shortened. Small: nothing once the last shortened day has
   * passed.
   */
  public List<OfflineRule> offlineRules(LocalDate today) {
    return jdbc.sql("select distinct z.ward_code, p.zone, p.kind, z.changed_at, z.new_zone, z.shortened_until "
            + "from zone_change z join zone_change_pass zp on zp.zone_change_id = z.id "
            + "join pass p on p.pass_number = zp.pass_number "
            + "where zp.action = 'SHORTEN' and z.shortened_until >= ? "
            + "order by z.ward_code, z.changed_at, p.zone, p.kind")
        .param(today)
        .query((rs, n) -> {
          Instant at = rs.getObject("changed_at", OffsetDateTime.class).toInstant();
          return new OfflineRule(rs.getString("ward_code"), rs.getString("zone"), rs.getString("kind"), at,
              rs.getString("new_zone"), LocalDate.ofInstant(at, Dates.HANOI),
              rs.getObject("shortened_until", LocalDate.class));
        })
        .list();
  }
}
