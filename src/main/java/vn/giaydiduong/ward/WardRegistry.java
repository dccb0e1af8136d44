package vn.giaydiduong.ward;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import vn.giaydiduong.common.InvalidInputException;

/** Hanoi's wards (reference data loaded by Flyway) and their zones, which administrators change. */
@Repository
public class WardRegistry {

  private static final String SELECT = """
      select w.code, w.name, w.ward_type, w.district_code, d.name as district_name, w.zone
      from ward w join district d on d.code = w.district_code""";

  /**
   * A ward's zone changed. Published inside the changing transaction, so what listeners do to the ward's passes
   * commits or rolls back with the change itself.
   */
  public record ZoneChanged(String wardCode, Zone oldZone, Zone newZone, Instant changedAt, String changedBy) {
  }

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  public WardRegistry(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  public List<Ward> all() {
    return jdbc.sql(SELECT + " order by w.district_code, w.code").query(Ward.class).list();
  }

  public Optional<Ward> find(String code) {
    return jdbc.sql(SELECT + " where w.code = ?").param(code).query(Ward.class).optional();
  }

  public Ward get(String code) {
    return find(code).orElseThrow(() -> new InvalidInputException("Không có phường/xã mã " + code + "."));
  }

  /** Changes the ward's zone; setting the zone it already has changes nothing. */
  @Transactional
  public Ward changeZone(String code, Zone zone, String changedBy) {
    // The row lock orders concurrent changes of one ward, so each sees the zone the other left.
    Zone old = jdbc.sql("select zone from ward where code = ? for update").param(code).query(String.class)
        .optional().map(Zone::valueOf)
        .orElseThrow(() -> new InvalidInputException("Không có phường/xã mã " + code + "."));
    if (old == zone) {
      return get(code);
    }
    // Whole seconds, like the issue time signed in a pass: "signed before the change" reads the same everywhere.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    jdbc.sql("update ward set zone = ?, zone_changed_at = ?, zone_changed_by = ? where code = ?")
        .params(zone.name(), now.atOffset(ZoneOffset.UTC), changedBy, code).update();
    events.publishEvent(new ZoneChanged(code, old, zone, now, changedBy));
    return get(code);
  }
}
