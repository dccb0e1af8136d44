package vn.giaydiduong.ward;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.InvalidInputException;

/** Hanoi's wards (reference data loaded by Flyway) and their zones, which administrators change. */
@Repository
public class WardRegistry {

  private static final String SELECT = """
      select w.code, w.name, w.ward_type, w.district_code, d.name as district_name, w.zone
      from ward w join district d on d.code = w.district_code""";
  private static final RowMapper<Ward> MAPPER = (rs, n) -> new Ward(rs.getString("code"), rs.getString("name"),
      rs.getString("ward_type"), rs.getString("district_code"), rs.getString("district_name"),
      Zone.valueOf(rs.getString("zone")));

  private final JdbcTemplate jdbc;

  public WardRegistry(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Ward> all() {
    return jdbc.query(SELECT + " order by w.district_code, w.code", MAPPER);
  }

  public Optional<Ward> find(String code) {
    return jdbc.query(SELECT + " where w.code = ?", MAPPER, code).stream().findFirst();
  }

  public Ward get(String code) {
    return find(code).orElseThrow(() -> new InvalidInputException("Không có phường/xã mã " + code + "."));
  }

  public Ward changeZone(String code, Zone zone, String changedBy) {
    int updated = jdbc.update("update ward set zone = ?, zone_changed_at = ?, zone_changed_by = ? where code = ?",
        zone.name(), OffsetDateTime.now(), changedBy, code);
    if (updated == 0) {
      throw new InvalidInputException("Không có phường/xã mã " + code + ".");
    }
    return get(code);
  }
}
