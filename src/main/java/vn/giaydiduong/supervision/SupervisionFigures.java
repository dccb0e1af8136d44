package vn.giaydiduong.supervision;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.Dates;

/**
 * The dashboard's figures as SQL aggregates over the project's tables, per ward and Hanoi day, within a range of
 * days, a kind and a set of wards ({@code null}: the whole city, including checks of codes naming no known ward).
 * Portable SQL (H2 and PostgreSQL).
 */
@Repository
class SupervisionFigures {

  /**
   * The Hanoi day of a timestamp as days since 1970-01-01. Hanoi keeps UTC+7 all year (no daylight saving since
   * 1975), and epoch arithmetic is the one day expression H2 and PostgreSQL both evaluate alike, independent of
   * the session's time zone.
   */
  private static final String HANOI_DAY = "cast(floor((extract(epoch from e.ts) + 25200) / 86400) as bigint)";

  record Count(String wardCode, LocalDate day, long count) {
  }

  record CheckCount(String wardCode, LocalDate day, String status, long count) {
  }

  /** One pass delivered: its ward, the day of delivery and how long after its registration. */
  record Delivery(String wardCode, LocalDate day, Duration sinceRegistration) {
  }

  private final NamedParameterJdbcTemplate jdbc;

  SupervisionFigures(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Map<Measure, List<Count>> counts(SupervisionQuery query, Collection<String> wards) {
    Map<Measure, List<Count>> result = new EnumMap<>(Measure.class);
    for (Measure measure : Measure.values()) {
      MapSqlParameterSource params = new MapSqlParameterSource();
      String sql = "select e.ward_code, " + HANOI_DAY + ", count(*) from (" + measure.source() + ") e"
          + where(query, wards, "e.ward_code", "e.kind", "e.ts", params)
          + " group by e.ward_code, " + HANOI_DAY;
      result.put(measure, jdbc.query(sql, params, (rs, i) -> new Count(rs.getString(1),
          LocalDate.ofEpochDay(rs.getLong(2)), rs.getLong(3))));
    }
    return result;
  }

  List<CheckCount> checks(SupervisionQuery query, Collection<String> wards) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    String sql = "select e.ward_code, " + HANOI_DAY + ", e.status, count(*) from (select ward_code, pass_kind, "
        + "status, checked_at as ts from pass_check) e"
        + where(query, wards, "e.ward_code", "e.pass_kind", "e.ts", params)
        + " group by e.ward_code, " + HANOI_DAY + ", e.status";
    return jdbc.query(sql, params, (rs, i) -> new CheckCount(rs.getString(1), LocalDate.ofEpochDay(rs.getLong(2)),
        rs.getString(3), rs.getLong(4)));
  }

  List<Delivery> deliveries(SupervisionQuery query, Collection<String> wards) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    String sql = "select p.ward_code, p.delivered_at, a.registered_at from pass p "
        + "join pass_application a on a.id = p.application_id"
        + where(query, wards, "p.ward_code", "p.kind", "p.delivered_at", params);
    List<Delivery> result = new ArrayList<>();
    jdbc.query(sql, params, rs -> {
      OffsetDateTime delivered = rs.getObject(2, OffsetDateTime.class);
      OffsetDateTime registered = rs.getObject(3, OffsetDateTime.class);
      result.add(new Delivery(rs.getString(1), delivered.atZoneSameInstant(Dates.HANOI)
          .toLocalDate(), Duration.between(registered, delivered)));
    });
    return result;
  }

  private static String where(SupervisionQuery query, Collection<String> wards, String ward, String kind,
      String ts, MapSqlParameterSource params) {
    StringBuilder where = new StringBuilder(" where " + ts + " >= :start and " + ts + " < :end");
    params.addValue("start", query.start()).addValue("end", query.end());
    if (query.kind() != null) {
      where.append(" and ").append(kind).append(" = :kind");
      params.addValue("kind", query.kind().name());
    }
    if (wards != null) {
      // An empty scope would be "in ()", which neither database accepts.
      where.append(wards.isEmpty() ? " and 1 = 0" : " and " + ward + " in (:wards)");
      params.addValue("wards", wards);
    }
    return where.toString();
  }
}
