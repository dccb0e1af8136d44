package vn.giaydiduong.pass;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.intake.HouseholdDraft;

/**
 * The households of market-card lists, the ward official's decision on each, and the rule of one card per
 * household: {@link #secondCardWarnings} tells the reviewer which households already hold a valid card.
 */
@Repository
public class HouseholdStore {

  // Explicit: households are read in lists of thousands, where query(Household.class) is measured far slower
  // (see ApplicationStore's applicant mapper).
  private static final RowMapper<Household> HOUSEHOLD = (rs, n) -> new Household(rs.getLong("id"),
      rs.getLong("application_id"), rs.getInt("position"), rs.getString("head_name"),
      rs.getString("representative_name"), rs.getString("representative_id_number"), rs.getString("phone"),
      rs.getString("address"), rs.getInt("member_count"), rs.getString("household_code"),
      Decision.valueOf(rs.getString("decision")), rs.getString("decision_reason"));

  private final JdbcClient jdbc;
  // JdbcClient has no batch API; a list of thousands of households is inserted in one JDBC batch.
  private final JdbcTemplate batch;
  private final EntryDecisions decisions;

  public HouseholdStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.decisions = new EntryDecisions(jdbc, batch, "household");
  }

  public void create(long applicationId, List<HouseholdDraft> households) {
    batch.batchUpdate("insert into household (application_id, position, head_name, representative_name, "
        + "representative_id_number, phone, address, address_key, member_count, household_code) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            HouseholdDraft h = households.get(i);
            ps.setLong(1, applicationId);
            ps.setInt(2, i + 1);
            ps.setString(3, h.headName());
            ps.setString(4, h.representativeName());
            ps.setString(5, h.representativeIdNumber());
            ps.setString(6, h.phone());
            ps.setString(7, h.address());
            ps.setString(8, addressKey(h.address()));
            ps.setInt(9, h.memberCount());
            ps.setString(10, h.householdCode());
          }

          @Override
          public int getBatchSize() {
            return households.size();
          }
        });
  }

  public List<Household> households(long applicationId) {
    return jdbc.sql("select * from household where application_id = ? order by position").param(applicationId)
        .query(HOUSEHOLD).list();
  }

  public List<Household> households(long applicationId, Decision decision) {
    return jdbc.sql("select * from household where application_id = ? and decision = ? order by position")
        .params(applicationId, decision.name()).query(HOUSEHOLD).list();
  }

  /** Decides every pending household: those in {@code rejected} with their reason, all others approved. */
  public void decide(long applicationId, Map<Integer, String> rejected, String decidedBy) {
    decisions.decide(applicationId, rejected, decidedBy);
  }

  /** Sends approved households back for a new review (the ward police returned the list). */
  public void reopenApproved(long applicationId) {
    decisions.reopenApproved(applicationId);
  }

  /**
   * Why the reviewer should look twice at a household, by list position: it already holds a card that is still
   * valid on {@code today} (same household code or address in the ward, or same representative anywhere in the
   * city), or it appears twice in this list under one address. Advisory: the official decides.
   */
  public Map<Integer, String> secondCardWarnings(long applicationId, String wardCode, LocalDate today) {
    List<Household> list = households(applicationId);
    Map<Integer, List<String>> warnings = new LinkedHashMap<>();
    Map<String, Integer> firstAtAddress = new HashMap<>();
    for (Household h : list) {
      Integer first = firstAtAddress.putIfAbsent(addressKey(h.address()), h.position());
      if (first != null) {
        warnings.computeIfAbsent(h.position(), p -> new ArrayList<>())
            .add("cùng địa chỉ với hộ số " + first + " của danh sách này");
      }
      jdbc.sql("""
          select p.pass_number, p.valid_until, h.household_code, h.address_key, h.representative_id_number
          from pass p join household h on h.id = p.household_id
          where p.status in ('AWAITING_STAMP', 'ISSUED', 'DELIVERED') and p.valid_until >= ?
            and h.application_id <> ?
            and (h.representative_id_number = ?
              or (p.ward_code = ? and (h.address_key = ? or h.household_code = ?)))
          order by p.pass_number""")
          .params(today, applicationId, h.representativeIdNumber(), wardCode, addressKey(h.address()),
              h.householdCode())
          .query(rs -> {
            String match = h.householdCode() != null && h.householdCode().equals(rs.getString("household_code"))
                ? "cùng số hộ khẩu"
                : addressKey(h.address()).equals(rs.getString("address_key")) ? "cùng địa chỉ"
                : "cùng người đi chợ";
            warnings.computeIfAbsent(h.position(), p -> new ArrayList<>()).add("đã có thẻ "
                + rs.getString("pass_number") + " còn hạn đến "
                + Dates.format(rs.getObject("valid_until", LocalDate.class)) + " (" + match + ")");
          });
    }
    Map<Integer, String> result = new LinkedHashMap<>();
    warnings.forEach((position, notes) -> result.put(position, "⚠ " + String.join("; ", notes)));
    return result;
  }

  /** Lower case, NFC, punctuation as spaces, single spaces: "Số 5, phố Trúc Bạch" = "số 5 phố trúc bạch". */
  static String addressKey(String address) {
    return Normalizer.normalize(address, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
        .replaceAll("[\\p{P}\\s]+", " ").strip();
  }
}
