package vn.giaydiduong.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.identity.Role;

/**
 * The dashboard's figures over a fixed data set in March 2020 (far from what other tests of the shared context
 * register today): counts on the right Hanoi day around midnight, decisions of people and households, the median
 * time from registration to delivery, checks by result, and the scope of a district supervisor and of the filters.
 */
@SpringBootTest
@ActiveProfiles("test")
class SupervisionFiguresTest {

  private static final String TRUC_BACH = "00004";
  private static final String PHUC_XA = "00001";
  private static final String TRAN_HUNG_DAO = "00082";
  private static final LocalDate MARCH_1 = LocalDate.of(2020, 3, 1);

  @Autowired SupervisionDashboard dashboard;
  @Autowired IdentityService identityService;
  @Autowired JdbcClient jdbc;

  /** Once per database: the context, and so the data set, is shared by the test methods. */
  @BeforeEach
  void loadDataSetOnce() {
    if (jdbc.sql("select count(*) from pass where pass_number = '00004-900001'").query(Long.class).single() > 0) {
      return;
    }
    // Trúc Bạch (Ba Đình): 3 people, 2 approved and 1 rejected on 1 March; both passes stamped on 2 March, one
    // delivered at 23:30 on 2 March (37.5 h after registration), one at 00:30 on 3 March (38.5 h), then revoked.
    long a = application("INDIVIDUAL", TRUC_BACH, "2020-03-01T10:00+07:00");
    long p1 = applicant(a, 1, "APPROVED", "2020-03-01T16:00+07:00");
    long p2 = applicant(a, 2, "APPROVED", "2020-03-01T16:00+07:00");
    applicant(a, 3, "REJECTED", "2020-03-01T16:00+07:00");
    pass("00004-900001", a, p1, null, "INDIVIDUAL", TRUC_BACH, "2020-03-02T09:00+07:00", "2020-03-02T23:30+07:00",
        null);
    pass("00004-900002", a, p2, null, "INDIVIDUAL", TRUC_BACH, "2020-03-02T09:00+07:00", "2020-03-03T00:30+07:00",
        "2020-03-04T08:00+07:00");
    // Trần Hưng Đạo (Hoàn Kiếm): one household approved and its market card delivered 10 h after registration.
    long b = application("MARKET_CARD", TRAN_HUNG_DAO, "2020-03-02T08:00+07:00");
    long h = household(b, "APPROVED", "2020-03-02T09:00+07:00");
    pass("00082-900001", b, null, h, "MARKET_CARD", TRAN_HUNG_DAO, "2020-03-02T10:00+07:00",
        "2020-03-02T18:00+07:00", null);
    // Phúc Xá: registered before the range, one person approved within it.
    long c = application("INDIVIDUAL", PHUC_XA, "2020-02-28T10:00+07:00");
    applicant(c, 1, "APPROVED", "2020-03-01T09:00+07:00");
    check("2020-03-02T12:00+07:00", "VALID", "INDIVIDUAL", TRUC_BACH);
    check("2020-03-02T13:00+07:00", "BAD_SIGNATURE", "MARKET_CARD", TRAN_HUNG_DAO);
    check("2020-03-03T07:00+07:00", "EXPIRED", "INDIVIDUAL", TRUC_BACH);
    check("2020-03-03T07:30+07:00", "MALFORMED", null, null);
  }

  @AfterEach
  void logOut() {
    identityService.clearAuthentication();
  }

  @Test
  void cityFigures_perDay() {
    as("giamsat", Role.SUPERVISORS);
    Table days = report(null, null, null).tables().get("days");
    assertThat(days.rows()).hasSize(5);
    assertThat(row(days, 0)).containsExactly(MARCH_1, 1L, 3L, 1L, 0L, 0L, 0L, 0L, null);
    // Median of 37.5 h and 10 h.
    assertThat(row(days, 1)).containsExactly(MARCH_1.plusDays(1), 1L, 1L, 0L, 3L, 2L, 0L, 2L, 23.8);
    // Delivered at 00:30 Hanoi time: the next Hanoi day, though still 2 March in UTC.
    assertThat(row(days, 2)).containsExactly(MARCH_1.plusDays(2), 0L, 0L, 0L, 0L, 1L, 0L, 2L, 38.5);
    assertThat(row(days, 3)).containsExactly(MARCH_1.plusDays(3), 0L, 0L, 0L, 0L, 0L, 1L, 0L, null);

    Table checks = dashboard(null, null, null, "checks");
    assertThat(checks.columns().get(1).label()).isEqualTo("Hợp lệ");
    assertThat(column(checks, "VALID")).containsExactly(0L, 1L, 0L, 0L, 0L);
    assertThat(column(checks, "BAD_SIGNATURE")).containsExactly(0L, 1L, 0L, 0L, 0L);
    assertThat(column(checks, "MALFORMED")).containsExactly(0L, 0L, 1L, 0L, 0L);
    assertThat(column(checks, "total")).containsExactly(0L, 2L, 2L, 0L, 0L);
  }

  @Test
  void cityFigures_perWardAndDistrict() {
    as("giamsat", Role.SUPERVISORS);
    Table wards = dashboard(null, null, null, "wards");
    // The city has 579 wards: only those with figures are listed.
    assertThat(column(wards, "wardCode")).containsExactly(PHUC_XA, TRUC_BACH, TRAN_HUNG_DAO);
    // Open tasks are left out: they are those of now, which other tests of the shared context leave.
    assertThat(row(wards, 1).get(3)).isEqualTo("Phường Trúc Bạch");
    assertThat(row(wards, 1).subList(5, 13)).containsExactly(1L, 2L, 1L, 2L, 2L, 1L, 2L, 38.0);
    assertThat(row(wards, 0).subList(5, 13)).containsExactly(0L, 1L, 0L, 0L, 0L, 0L, 0L, null);

    Table districts = dashboard(null, null, null, "districts");
    assertThat(districts.rows()).hasSize(30);
    assertThat(row(districts, 0).subList(0, 10)).containsExactly("001", "Quận Ba Đình", 1L, 3L, 1L, 2L, 2L, 1L,
        2L, 38.0);
    assertThat(row(districts, 1).subList(0, 10)).containsExactly("002", "Quận Hoàn Kiếm", 1L, 1L, 0L, 1L, 1L, 0L,
        1L, 10.0);

    Table wardDays = dashboard(null, null, null, "ward-days");
    assertThat(wardDays.rows()).extracting(r -> r.get(0) + " " + r.get(3)).containsExactly(
        "2020-03-01 00001", "2020-03-01 00004", "2020-03-02 00004", "2020-03-02 00082", "2020-03-03 00004",
        "2020-03-04 00004");
  }

  @Test
  void districtSupervisor_seesTheirDistrictOnly() {
    as("giamsat.badinh", Role.districtSupervisorsOf("001"));
    SupervisionDashboard.Report report = report(null, null, null);
    assertThat(report.watchable()).allMatch(w -> w.districtCode().equals("001")).hasSize(14);
    Table days = report.tables().get("days");
    // Without Trần Hưng Đạo's market card and the unreadable code of no ward.
    assertThat(row(days, 1)).containsExactly(MARCH_1.plusDays(1), 0L, 0L, 0L, 2L, 1L, 0L, 1L, 37.5);
    assertThat(row(days, 2)).containsExactly(MARCH_1.plusDays(2), 0L, 0L, 0L, 0L, 1L, 0L, 1L, 38.5);
    // A district of up to 60 wards lists every ward, idle ones too.
    assertThat(report.tables().get("wards").rows()).hasSize(14);
    assertThat(report.tables().get("districts").rows()).extracting(r -> r.get(0)).containsExactly("001");

    assertThatThrownBy(() -> report("002", null, null)).isInstanceOf(AccessDeniedException.class)
        .hasMessage(SupervisionDashboard.OTHER_DISTRICT);
    assertThatThrownBy(() -> report(null, TRAN_HUNG_DAO, null)).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void filtersByKindAndWard() {
    as("giamsat", Role.SUPERVISORS);
    Table days = dashboard(null, null, "MARKET_CARD", "days");
    assertThat(column(days, "registrations")).containsExactly(0L, 1L, 0L, 0L, 0L);
    assertThat(column(days, "issued")).containsExactly(0L, 1L, 0L, 0L, 0L);
    assertThat(column(days, "checks")).containsExactly(0L, 1L, 0L, 0L, 0L);

    days = dashboard(null, PHUC_XA, null, "days");
    assertThat(column(days, "approved")).containsExactly(1L, 0L, 0L, 0L, 0L);
    assertThat(column(days, "registrations")).containsExactly(0L, 0L, 0L, 0L, 0L);
  }

  @Test
  void wardOfficialsAndAnalysts_haveNoDashboard() {
    as("canbo.trucbach", Role.OFFICIAL.groupId(), Role.OFFICIAL.groupOf(TRUC_BACH));
    assertThatThrownBy(() -> report(null, null, null)).isInstanceOf(AccessDeniedException.class)
        .hasMessage(SupervisionDashboard.NOT_A_SUPERVISOR);
    as("phantich", Role.ANALYSTS);
    assertThatThrownBy(() -> report(null, null, null)).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void medianOfAnEvenAndAnOddNumberOfDeliveries() {
    assertThat(SupervisionDashboard.medianHours(List.of(Duration.ofHours(3), Duration.ofHours(1),
        Duration.ofHours(2)))).isEqualTo(2.0);
    assertThat(SupervisionDashboard.medianHours(List.of(Duration.ofMinutes(60), Duration.ofMinutes(90))))
        .isEqualTo(1.3);
    assertThat(SupervisionDashboard.medianHours(List.of())).isNull();
  }

  // ---- helpers ----

  private void as(String userId, String... groups) {
    identityService.setAuthentication(userId, List.of(groups));
  }

  private SupervisionDashboard.Report report(String district, String ward, String kind) {
    return dashboard.report(SupervisionQuery.of(district, ward, kind, "2020-03-01", "2020-03-05"));
  }

  private Table dashboard(String district, String ward, String kind, String table) {
    return report(district, ward, kind).tables().get(table);
  }

  private static List<Object> row(Table table, int index) {
    return table.rows().get(index);
  }

  private static List<Object> column(Table table, String key) {
    int index = table.columns().stream().map(Table.Column::key).toList().indexOf(key);
    return table.rows().stream().map(r -> r.get(index)).toList();
  }

  private long application(String kind, String ward, String registeredAt) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("insert into pass_application (kind, ward_code, registered_by, registered_at) values (?, ?, ?, ?)")
        .params(kind, ward, "test", OffsetDateTime.parse(registeredAt)).update(key, "id");
    return key.getKey().longValue();
  }

  private long applicant(long application, int position, String decision, String decidedAt) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("insert into applicant (application_id, position, full_name, date_of_birth, id_number, address, "
        + "purpose, valid_from, valid_until, decision, decided_at) values (?, ?, 'Người thử', ?, '001085000001', "
        + "'Hà Nội', 'Đi làm', ?, ?, ?, ?)")
        .params(application, position, LocalDate.of(1985, 3, 1), MARCH_1, MARCH_1.plusDays(14), decision,
            OffsetDateTime.parse(decidedAt)).update(key, "id");
    return key.getKey().longValue();
  }

  private long household(long application, String decision, String decidedAt) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("insert into household (application_id, position, head_name, representative_name, "
        + "representative_id_number, address, address_key, member_count, decision, decided_at) "
        + "values (?, 1, 'Chủ hộ', 'Người đi chợ', '001085000002', 'Hà Nội', 'ha noi', 3, ?, ?)")
        .params(application, decision, OffsetDateTime.parse(decidedAt)).update(key, "id");
    return key.getKey().longValue();
  }

  private void pass(String number, long application, Long applicant, Long household, String kind, String ward,
      String stampedAt, String deliveredAt, String revokedAt) {
    jdbc.sql("insert into pass (pass_number, applicant_id, household_id, application_id, kind, ward_code, "
        + "holder_name, masked_id_number, zone, valid_from, valid_until, status, created_at, stamped_at, "
        + "delivered_at, revoked_at) values (:number, :applicant, :household, :application, :kind, :ward, "
        + "'Người thử', '001******001', 'GREEN', :from, :until, :status, :stamped, :stamped, :delivered, :revoked)")
        .params(Map.of("number", number, "application", application, "kind", kind, "ward", ward,
            "from", MARCH_1, "until", MARCH_1.plusDays(14), "status", revokedAt == null ? "DELIVERED" : "REVOKED",
            "stamped", OffsetDateTime.parse(stampedAt), "delivered", OffsetDateTime.parse(deliveredAt)))
        .param("applicant", applicant, java.sql.Types.BIGINT).param("household", household, java.sql.Types.BIGINT)
        .param("revoked", revokedAt == null ? null : OffsetDateTime.parse(revokedAt),
            java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
        .update();
  }

  private void check(String checkedAt, String status, String kind, String ward) {
    jdbc.sql("insert into pass_check (checked_at, status, pass_kind, ward_code) values (?, ?, ?, ?)")
        .param(1, OffsetDateTime.parse(checkedAt)).param(2, status).param(3, kind, java.sql.Types.VARCHAR)
        .param(4, ward, java.sql.Types.VARCHAR).update();
  }
}
