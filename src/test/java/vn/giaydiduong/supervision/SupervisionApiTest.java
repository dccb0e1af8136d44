package vn.giaydiduong.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.identity.DemoUsers;
import vn.giaydiduong.security.SecurityHttpTest;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * The dashboard over HTTP with passes issued and delivered through the real process: the city supervisor and
 * Ba Đình's supervisor see Trúc Bạch's figures grow by what was done; Ba Đình's supervisor is refused Hoàn
 * Kiếm, and Hoàn Kiếm's supervisor Trúc Bạch's print bundle; ward officials, the analyst and anonymous callers
 * are refused; the CSV and XLSX exports read back with their Vietnamese headers and the same counts. Other tests
 * of the shared application work in Trúc Bạch too, so the figures are compared before and after.
 */
@SecurityHttpTest
class SupervisionApiTest extends ProcessTestSupport {

  private static final String BA_DINH_SUPERVISOR = "giamsat.badinh";
  private static final String BA_DINH_DASHBOARD = "/api/supervision/dashboard?district=001";

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService managementService;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void supervisorsSeeWhatWasDone_inTheirScope() throws Exception {
    JsonNode cityBefore = trucBach(DemoUsers.SUPERVISOR, "/api/supervision/dashboard");
    JsonNode districtBefore = trucBach(BA_DINH_SUPERVISOR, BA_DINH_DASHBOARD);

    ProcessInstance delivered = register("cskv.trucbach", residents(2));
    completeTask(delivered, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    completeTask(delivered, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    runJobs(delivered);
    completeTask(delivered, "cskv.trucbach", Map.of(ProcessVariables.DELIVERED_TO.name(), "Người dân (trực tiếp)"));
    runJobs(delivered);
    // A second registration waits for the ward official's review, past its due date.
    ProcessInstance waiting = register("cskv.trucbach", residents(1));
    Task review = taskService.createTaskQuery().processInstanceId(waiting.getId()).singleResult();
    review.setDueDate(new Date(System.currentTimeMillis() - 3_600_000));
    taskService.saveTask(review);

    for (String user : List.of(DemoUsers.SUPERVISOR, BA_DINH_SUPERVISOR)) {
      JsonNode before = user.equals(BA_DINH_SUPERVISOR) ? districtBefore : cityBefore;
      JsonNode after = trucBach(user,
          user.equals(BA_DINH_SUPERVISOR) ? BA_DINH_DASHBOARD : "/api/supervision/dashboard");
      assertThat(after.get("registrations").asLong() - before.get("registrations").asLong()).as(user).isEqualTo(2);
      assertThat(after.get("approved").asLong() - before.get("approved").asLong()).as(user).isEqualTo(2);
      assertThat(after.get("issued").asLong() - before.get("issued").asLong()).as(user).isEqualTo(2);
      assertThat(after.get("delivered").asLong() - before.get("delivered").asLong()).as(user).isEqualTo(2);
      assertThat(after.get("medianHours").isNumber()).as(user).isTrue();
      assertThat(after.get("open_officials").asLong() - before.get("open_officials").asLong()).as(user)
          .isEqualTo(1);
      assertThat(after.get("overdue_officials").asLong() - before.get("overdue_officials").asLong()).as(user)
          .isEqualTo(1);
    }

    JsonNode district = json.readTree(get(BA_DINH_SUPERVISOR, BA_DINH_DASHBOARD).getBody());
    assertThat(district.get("districts")).hasSize(1);
    assertThat(district.get("districts").get(0).get("name").asText()).isEqualTo("Quận Ba Đình");
    assertThat(column(district.get("tables").get("wards"), "district")).containsOnly("Quận Ba Đình");
    assertThat(json.readTree(get(DemoUsers.SUPERVISOR, "/api/supervision/dashboard").getBody()).get("districts"))
        .hasSize(30);
  }

  @Test
  void aDistrictSupervisor_isRefusedAnotherDistrict() {
    for (String path : List.of("/api/supervision/dashboard?district=002", "/api/supervision/dashboard?ward=00082",
        "/api/supervision/wards.csv?district=002", "/api/supervision/wards.xlsx?ward=00082")) {
      ResponseEntity<String> refused = get(BA_DINH_SUPERVISOR, path);
      assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).as(path).contains(SupervisionDashboard.OTHER_DISTRICT);
    }
    assertThat(get("giamsat.hoankiem", "/api/supervision/dashboard?ward=00004").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get(DemoUsers.SUPERVISOR, "/api/supervision/dashboard?district=002").getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void wardOfficialsAnalystsAndStrangers_areRefused() {
    for (String user : List.of("cskv.trucbach", "canbo.trucbach", "congan.trucbach", DemoUsers.ANALYST)) {
      for (String path : List.of("/api/supervision/dashboard", "/api/supervision/dashboard?ward=00004",
          "/api/supervision/days.csv", "/api/supervision/wards.xlsx")) {
        ResponseEntity<String> refused = get(user, path);
        assertThat(refused.getStatusCode()).as(user + " " + path).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).contains(SupervisionDashboard.NOT_A_SUPERVISOR);
      }
    }
    assertThat(rest.getForEntity("/api/supervision/dashboard", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void csvAndXlsx_readBackWithVietnameseHeadersAndTheDashboardsCounts() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", residents(1));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    runJobs(instance);
    JsonNode shown = trucBach(BA_DINH_SUPERVISOR, BA_DINH_DASHBOARD);
    assertThat(shown.get("issued").asLong()).isPositive();
    // Supervising a district also opens its passes, and only its passes.
    long applicationId = ((Number) runtimeService.getVariable(instance.getId(),
        ProcessVariables.APPLICATION_ID.name())).longValue();
    String pdf = "/api/applications/" + applicationId + "/passes.pdf";
    assertThat(get(BA_DINH_SUPERVISOR, pdf).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("giamsat.hoankiem", pdf).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<byte[]> csv = rest.withBasicAuth(BA_DINH_SUPERVISOR, "test-password")
        .getForEntity("/api/supervision/wards.csv?district=001", byte[].class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentDisposition().getFilename()).startsWith("giam-sat-wards-");
    String text = new String(csv.getBody(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
    List<String> headers = records.get(0).toList();
    assertThat(headers).contains("Phường/xã", "Hồ sơ nhận", "Giấy đã cấp (đóng dấu)", "Việc quá hạn (hiện tại) – Cán bộ phường");
    CSVRecord trucBach = records.stream().filter(r -> r.get(headers.indexOf("Mã phường/xã")).equals(TRUC_BACH))
        .findFirst().orElseThrow();
    assertThat(trucBach.get(headers.indexOf("Phường/xã"))).isEqualTo("Phường Trúc Bạch");
    assertThat(trucBach.get(headers.indexOf("Giấy đã cấp (đóng dấu)"))).isEqualTo(shown.get("issued").asText());
    assertThat(records).hasSize(1 + 14);

    ResponseEntity<byte[]> xlsx = rest.withBasicAuth(BA_DINH_SUPERVISOR, "test-password")
        .getForEntity("/api/supervision/wards.xlsx?district=001", byte[].class);
    assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      List<String> xlsxHeaders = new ArrayList<>();
      sheet.getRow(0).forEach(cell -> xlsxHeaders.add(cell.getStringCellValue()));
      assertThat(xlsxHeaders).isEqualTo(headers);
      Row row = null;
      for (Row r : sheet) {
        if (r.getRowNum() > 0 && r.getCell(headers.indexOf("Mã phường/xã")).getStringCellValue().equals(TRUC_BACH)) {
          row = r;
        }
      }
      assertThat(row).isNotNull();
      assertThat((long) row.getCell(headers.indexOf("Giấy đã cấp (đóng dấu)")).getNumericCellValue())
          .isEqualTo(shown.get("issued").asLong());
      assertThat(sheet.getLastRowNum()).isEqualTo(14);
    }

    String today = Dates.today().toString();
    ResponseEntity<byte[]> days = rest.withBasicAuth(BA_DINH_SUPERVISOR, "test-password")
        .getForEntity("/api/supervision/days.csv?ward=00004&from=" + today + "&to=" + today, byte[].class);
    List<CSVRecord> dayRows = CSVFormat.RFC4180.parse(new StringReader(
        new String(days.getBody(), StandardCharsets.UTF_8).substring(1))).getRecords();
    assertThat(dayRows.get(0).get(0)).isEqualTo("Ngày");
    assertThat(dayRows).hasSize(2);
    assertThat(dayRows.get(1).get(0)).isEqualTo(Dates.format(Dates.today()));
  }

  @Test
  void thePage_isServedWithItsBundledChartLibrary() {
    ResponseEntity<String> page = rest.getForEntity("/supervision/", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Bảng theo dõi", "/webjars/chart.js/4.4.1/dist/chart.umd.js").doesNotContain("http://", "https://");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self';");
    assertThat(rest.getForEntity("/webjars/chart.js/4.4.1/dist/chart.umd.js", String.class).getBody())
        .startsWith("/*!\n * Chart.js v4");
  }

  // ---- helpers ----

  /** Trúc Bạch's row of the ward table, as {key: value}. */
  private JsonNode trucBach(String user, String path) throws Exception {
    ResponseEntity<String> answer = get(user, path);
    assertThat(answer.getStatusCode()).as(user + " " + path).isEqualTo(HttpStatus.OK);
    JsonNode wards = json.readTree(answer.getBody()).get("tables").get("wards");
    int wardCode = keys(wards).indexOf("wardCode");
    var row = json.createObjectNode();
    for (JsonNode values : wards.get("rows")) {
      if (values.get(wardCode).asText().equals(TRUC_BACH)) {
        List<String> keys = keys(wards);
        for (int i = 0; i < keys.size(); i++) {
          row.set(keys.get(i), values.get(i));
        }
      }
    }
    // Before Trúc Bạch's first registration of the day, the city's table may not list it yet: all zeros.
    for (String key : keys(wards)) {
      if (!row.has(key)) {
        row.put(key, 0);
      }
    }
    return row;
  }

  private static List<String> keys(JsonNode table) {
    List<String> keys = new ArrayList<>();
    table.get("columns").forEach(c -> keys.add(c.get("key").asText()));
    return keys;
  }

  private static List<String> column(JsonNode table, String key) {
    int index = keys(table).indexOf(key);
    List<String> values = new ArrayList<>();
    table.get("rows").forEach(r -> values.add(r.get(index).asText()));
    return values;
  }

  private void runJobs(ProcessInstance instance) {
    for (int i = 0; i < 10; i++) {
      managementService.createJobQuery().rootProcessInstanceId(instance.getId()).executable().list()
          .forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, "test-password").getForEntity(path, String.class);
  }
}
