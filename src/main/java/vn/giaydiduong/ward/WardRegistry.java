package vn.giaydiduong.ward;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.InvalidInputException;

/** Hanoi's wards (reference data loaded by Flyway) and their zones, which administrators change. */
@Repository
public class WardRegistry {

  private static final String SELECT = """
      select w.code, w.name, w.ward_type, w.district_code, d.name as district_name, w.zone
      from ward w join district d on d.code = w.district_code""";

  private final JdbcClient jdbc;

  public WardRegistry(JdbcClient jdbc) {
    this.jdbc = jdbc;
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

  public Ward changeZone(String code, Zone zone, String changedBy) {
    int updated = jdbc.sql("update ward set zone = ?, zone_changed_at = ?, zone_changed_by = ? where code = ?")
        .params(zone.name(), OffsetDateTime.now(), changedBy, code).update();
    if (updated == 0) {
      throw new InvalidInputException("Không có phường/xã mã " + code + ".");
    }
    return get(code);
  }
}
