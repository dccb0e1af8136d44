package vn.giaydiduong.caselist;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.PassKind;

/**
 * Reads a ward's cases for the case list: one row per registration with its derived status, the people or
 * households on it with their pass, and what the registry recorded about who did what when. Read only; the
 * procedures' own stores write these rows.
 */
@Repository
class CaseListStore {

  static final int PAGE_SIZE = 50;

  /** A case as listed; {@code entries} counts its people or households. */
  record CaseRow(long id, PassKind kind, String wardCode, String wardName, String organizationName,
      String registeredBy, OffsetDateTime registeredAt, OffsetDateTime closedAt, OffsetDateTime anonymizedAt,
      String processInstanceId, int entries, CaseStatus status) {
  }

  /** A person (or a household's representative) on a case, with the ward official's decision and the pass. */
  record Entry(int position, String name, String headName, String idNumber, String decision, String reason,
      String decidedBy, OffsetDateTime decidedAt, String passNumber, String passStatus, String revokedReason) {
  }

  /** Something the registry recorded about a case: when, by whom (null: the system), what. */
  record Event(OffsetDateTime at, String by, String what) {
  }

  record Page(List<CaseRow> rows, long total) {
  }

  /** What the search box holds, as the kind of thing it names. */
  record Search(Long reference, String passNumber, String idNumber, String name) {

    private static final Pattern REFERENCE = Pattern.compile("(?i)HS-?0*(\\d{1,12})");
    private static final Pattern PASS_NUMBER = Pattern.compile("\\d{5}-\\d{6}");
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{9}|\\d{12}");

    static final Search NONE = new Search(null, null, null, null);

    /**
     * A reference (HS-000012), a pass number (00004-000017), a whole ID number (9 or 12 digits: never a part of
     * one, so nobody finds ID numbers digit by digit) or else part of a name. Other digits match nothing.
     */
    static Search of(String q) {
      String text = q == null ? "" : q.strip();
      if (text.isEmpty()) {
        return NONE;
      }
      Matcher reference = REFERENCE.matcher(text);
      if (reference.matches()) {
        return new Search(Long.parseLong(reference.group(1)), null, null, null);
      }
      if (PASS_NUMBER.matcher(text).matches()) {
        return new Search(null, text, null, null);
      }
      if (ID_NUMBER.matcher(text).matches()) {
        return new Search(null, null, text, null);
      }
      if (text.chars().anyMatch(Character::isDigit)) {
        return new Search(-1L, null, null, null);
      }
      return new Search(null, null, null, text.length() > 100 ? text.substring(0, 100) : text);
    }
  }

  private static final RowMapper<CaseRow> CASE = (rs, n) -> new CaseRow(rs.getLong("id"),
      PassKind.valueOf(rs.getString("kind")), rs.getString("ward_code"), rs.getString("ward_name"),
      rs.getString("organization_name"), rs.getString("registered_by"),
      rs.getObject("registered_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
      rs.getObject("anonymized_at", OffsetDateTime.class), rs.getString("process_instance_id"),
      rs.getInt("entries"), CaseStatus.valueOf(rs.getString("status")));

  private static final String CASES = "select a.id, a.kind, a.ward_code, w.name as ward_name, a.organization_name, "
      + "a.registered_by, a.registered_at, a.closed_at, a.anonymized_at, a.process_instance_id, "
      + "(select count(*) from applicant x where x.application_id = a.id) "
      + "+ (select count(*) from household h where h.application_id = a.id) as entries, "
      + CaseStatus.SQL + " as status from pass_application a join ward w on w.code = a.ward_code";

  private final JdbcClient jdbc;

  CaseListStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One page (from 1) of the cases of {@code wards} (null: every ward), newest first.
   */
  Page list(Collection<String> wards, PassKind kind, CaseStatus status, Search search, int page) {
    List<Object> params = new ArrayList<>();
    String where = where(wards, kind, search, params);
    String filtered = "select * from (" + CASES + where + ") c" + (status == null ? "" : " where c.status = ?");
    if (status != null) {
      params.add(status.name());
    }
    long total = jdbc.sql("select count(*) from (" + filtered + ") t").params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(PAGE_SIZE);
    pageParams.add((long) (Math.max(page, 1) - 1) * PAGE_SIZE);
    List<CaseRow> rows = jdbc.sql(filtered + " order by c.id desc limit ? offset ?").params(pageParams)
        .query(CASE).list();
    return new Page(rows, total);
  }

  /** The newest case {@code userId} registered in one of {@code wards} (null: every ward). */
  Optional<CaseRow> newestRegisteredBy(String userId, Collection<String> wards) {
    List<Object> params = new ArrayList<>();
    String where = where(wards, null, Search.NONE, params) + " and a.registered_by = ?";
    params.add(userId);
    return jdbc.sql(CASES + where + " order by a.id desc limit 1").params(params).query(CASE).optional();
  }

  Optional<CaseRow> find(long id) {
    return jdbc.sql(CASES + " where a.id = ?").param(id).query(CASE).optional();
  }

  private static String where(Collection<String> wards, PassKind kind, Search search, List<Object> params) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (wards != null) {
      if (wards.isEmpty()) {
        return " where 1 = 0";
      }
      where.append(" and a.ward_code in (").append(String.join(", ", Collections.nCopies(wards.size(), "?")))
          .append(")");
      params.addAll(wards);
    }
    if (kind != null) {
      where.append(" and a.kind = ?");
      params.add(kind.name());
    }
    if (search.reference() != null) {
      where.append(" and a.id = ?");
      params.add(search.reference());
    }
    if (search.passNumber() != null) {
      where.append(" and exists (select 1 from pass p where p.application_id = a.id and p.pass_number = ?)");
      params.add(search.passNumber());
    }
    if (search.idNumber() != null) {
      // Equality only: the whole number or nothing.
      where.append(" and (exists (select 1 from applicant x where x.application_id = a.id and x.id_number = ?)"
          + " or exists (select 1 from household h where h.application_id = a.id "
          + "and h.representative_id_number = ?))");
      params.add(search.idNumber());
      params.add(search.idNumber());
    }
    if (search.name() != null) {
      String like = "%" + search.name().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
          .replace("_", "!_") + "%";
      where.append(" and (lower(a.organization_name) like ? escape '!'"
          + " or exists (select 1 from applicant x where x.application_id = a.id"
          + " and lower(x.full_name) like ? escape '!')"
          + " or exists (select 1 from household h where h.application_id = a.id"
          + " and (lower(h.representative_name) like ? escape '!' or lower(h.head_name) like ? escape '!')))");
      for (int i = 0; i < 4; i++) {
        params.add(like);
      }
    }
    return where.toString();
  }

  /** The people of a case (or its households), in list order, each with its live pass (else its voided one). */
  List<Entry> entries(long applicationId, PassKind kind) {
    String pass = "(select p.%s from pass p where p.%s = e.id order by case when p.status = 'VOIDED' then 1 "
        + "else 0 end, p.created_at desc limit 1)";
    String column = kind == PassKind.MARKET_CARD ? "household_id" : "applicant_id";
    String select = kind == PassKind.MARKET_CARD
        ? "select e.position, e.representative_name as name, e.head_name, e.representative_id_number as id_number, "
        : "select e.position, e.full_name as name, null as head_name, e.id_number, ";
    String table = kind == PassKind.MARKET_CARD ? "household" : "applicant";
    return jdbc.sql(select + "e.decision, e.decision_reason, e.decided_by, e.decided_at, "
            + pass.formatted("pass_number", column) + " as pass_number, "
            + pass.formatted("status", column) + " as pass_status, "
            + pass.formatted("revoked_reason", column) + " as revoked_reason "
            + "from " + table + " e where e.application_id = ? order by e.position")
        .param(applicationId)
        .query((rs, n) -> new Entry(rs.getInt("position"), rs.getString("name"), rs.getString("head_name"),
            rs.getString("id_number"), rs.getString("decision"), rs.getString("decision_reason"),
            rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class),
            rs.getString("pass_number"), rs.getString("pass_status"), rs.getString("revoked_reason")))
        .list();
  }

  /** Whether a print bundle was rendered for the case. */
  boolean hasBundle(long applicationId) {
    return jdbc.sql("select count(*) from pass_document where application_id = ?").param(applicationId)
        .query(Long.class).single() > 0;
  }

  /**
   * Who did what when, as the registry recorded it: the registration, the organization's entry, the decisions
   * (grouped by who decided at which moment), stamping, handovers, revocations, closing and anonymization.
   */
  List<Event> events(CaseRow c) {
    List<Event> events = new ArrayList<>();
    events.add(new Event(c.registeredAt(), c.registeredBy(), "Đăng ký hồ sơ"));
    jdbc.sql("select entered_by, entered_at from organization_registration where application_id = ? "
            + "and entered_at is not null").param(c.id())
        .query((rs, n) -> new Event(rs.getObject("entered_at", OffsetDateTime.class), rs.getString("entered_by"),
            "Nhập đăng ký của tổ chức"))
        .list().forEach(events::add);
    String table = c.kind() == PassKind.MARKET_CARD ? "household" : "applicant";
    String unit = c.kind() == PassKind.MARKET_CARD ? " hộ" : " người";
    jdbc.sql("select decided_by, decided_at, sum(case when decision = 'APPROVED' then 1 else 0 end) as approved, "
            + "sum(case when decision = 'REJECTED' then 1 else 0 end) as rejected from " + table
            + " where application_id = ? and decided_at is not null group by decided_by, decided_at")
        .param(c.id())
        .query((rs, n) -> new Event(rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decided_by"),
            "Xét duyệt: duyệt " + rs.getInt("approved") + unit + ", từ chối " + rs.getInt("rejected") + unit))
        .list().forEach(events::add);
    String what = c.kind() == PassKind.MARKET_CARD ? " thẻ" : " giấy";
    jdbc.sql("select stamped_by, stamped_at, count(*) as n from pass where application_id = ? "
            + "and stamped_at is not null group by stamped_by, stamped_at").param(c.id())
        .query((rs, n) -> new Event(rs.getObject("stamped_at", OffsetDateTime.class), rs.getString("stamped_by"),
            "Đóng dấu " + rs.getInt("n") + what))
        .list().forEach(events::add);
    jdbc.sql("select delivered_by, delivered_at, count(*) as n from pass where application_id = ? "
            + "and delivered_at is not null group by delivered_by, delivered_at").param(c.id())
        .query((rs, n) -> new Event(rs.getObject("delivered_at", OffsetDateTime.class),
            rs.getString("delivered_by"), "Giao " + rs.getInt("n") + what))
        .list().forEach(events::add);
    jdbc.sql("select pass_number, revoked_by, revoked_at, revoked_reason from pass where application_id = ? "
            + "and revoked_at is not null").param(c.id())
        .query((rs, n) -> new Event(rs.getObject("revoked_at", OffsetDateTime.class), rs.getString("revoked_by"),
            "Thu hồi" + what + " số " + rs.getString("pass_number") + ": " + rs.getString("revoked_reason")))
        .list().forEach(events::add);
    if (c.closedAt() != null) {
      events.add(new Event(c.closedAt(), null, "Kết thúc hồ sơ"));
    }
    if (c.anonymizedAt() != null) {
      events.add(new Event(c.anonymizedAt(), null, "Xóa dữ liệu cá nhân (hết thời hạn lưu)"));
    }
    return events;
  }
}
