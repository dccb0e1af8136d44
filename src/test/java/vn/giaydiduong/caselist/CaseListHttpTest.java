package vn.giaydiduong.caselist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.identity.DemoUsers;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.security.SecurityHttpTest;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * The case list over HTTP, with cases issued through the real individual-pass process in Trúc Bạch: its users
 * find them by name, whole ID number, pass number and reference, and read who did what; Phúc Xá's users and the
 * analyst do not.
 */
@SecurityHttpTest
class CaseListHttpTest extends ProcessTestSupport {

  private static final String ID_NUMBER = "001085777001";
  private static final List<String> OTHER_WARD = List.of("cskv.phucxa", "canbo.phucxa", "congan.phucxa");

  @Autowired TestRestTemplate rest;
  @Autowired ApplicationStore applications;
  @Autowired PassRegistry registry;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aWardOfficialFindsTheWardsCase_byNameWholeIdNumberPassNumberAndReference() throws Exception {
    Issued issued = issueOneStampedPass("Vũ Thị Tra Cứu", ID_NUMBER);

    for (String q : List.of("tra cứu", ID_NUMBER, issued.passNumber(), issued.reference(),
        issued.reference().toLowerCase())) {
      assertThat(references(list("canbo.trucbach", q))).as(q).containsExactly(issued.reference());
    }
    // Never a part of an ID number: nobody can find numbers digit by digit.
    for (String part : List.of(ID_NUMBER.substring(0, 11), ID_NUMBER.substring(1), "777001", "0010857770")) {
      JsonNode answer = list("canbo.trucbach", part);
      assertThat(answer.get("total").asLong()).as(part).isZero();
    }

    ResponseEntity<String> detail = get("congan.trucbach", "/api/cases/" + issued.reference());
    assertThat(detail.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(detail.getBody()).doesNotContain(ID_NUMBER);
    JsonNode c = json.readTree(detail.getBody());
    assertThat(c.at("/summary/status").asText()).isEqualTo("STAMPED");
    assertThat(c.at("/summary/statusLabel").asText()).isEqualTo("Đã đóng dấu");
    assertThat(c.at("/summary/waitingAt/0").asText()).isEqualTo("Giao giấy đi đường cho người dân");
    JsonNode person = c.at("/people/0");
    assertThat(person.get("name").asText()).isEqualTo("Vũ Thị Tra Cứu");
    assertThat(person.get("maskedIdNumber").asText()).isEqualTo("001******001");
    assertThat(person.get("decisionLabel").asText()).isEqualTo("Được duyệt");
    assertThat(person.get("decidedBy").asText()).isEqualTo("canbo.trucbach");
    assertThat(person.get("decidedAt").asText()).matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}");
    assertThat(person.get("passNumber").asText()).isEqualTo(issued.passNumber());
    assertThat(person.get("revocable").asBoolean()).as("ward police revoke").isTrue();
    assertThat(get("congan.trucbach", person.get("pdf").asText()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("congan.trucbach", c.get("bundlePdf").asText()).getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> history = new ArrayList<>();
    c.get("history").forEach(e -> history.add(e.get("by").asText() + ": " + e.get("what").asText()));
    // The stamp's row and the task's end are written in one transaction: their order within it is not asserted.
    assertThat(history).containsSubsequence("cskv.trucbach: Đăng ký hồ sơ",
        "canbo.trucbach: Hoàn thành: Xét duyệt danh sách",
        "congan.trucbach: Hoàn thành: Kiểm tra và đóng dấu danh sách",
        "(chưa ai nhận): Đang chờ: Giao giấy đi đường cho người dân");
    assertThat(history).contains("canbo.trucbach: Xét duyệt: duyệt 1 người, từ chối 0 người",
        "congan.trucbach: Đóng dấu 1 giấy");

    JsonNode asCskv = json.readTree(get("cskv.trucbach", "/api/cases/" + issued.reference()).getBody());
    assertThat(asCskv.at("/people/0/revocable").asBoolean()).as("a CSKV does not revoke").isFalse();
    // The city's supervisors read every ward's cases.
    assertThat(get(DemoUsers.SUPERVISOR, "/api/cases/" + issued.reference()).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void usersOfAnotherWard_getForbiddenOnTheCase() {
    Issued issued = issueOneStampedPass("Hoàng Văn Ngoài Phường", "001085777002");
    String path = "/api/cases/" + issued.reference();
    assertThat(get("canbo.trucbach", path).getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String stranger : OTHER_WARD) {
      ResponseEntity<String> refused = get(stranger, path);
      assertThat(refused.getStatusCode()).as(stranger).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).contains("không có quyền xem").doesNotContain("Ngoài Phường");
    }
    // An unknown reference answers like a foreign one.
    assertThat(get("canbo.phucxa", "/api/cases/HS-999999").getBody())
        .isEqualTo(get("canbo.phucxa", path).getBody());
  }

  @Test
  void usersOfAnotherWard_doNotSeeTheCaseListed() throws Exception {
    Issued issued = issueOneStampedPass("Đinh Văn Khác Phường", "001085777004");
    assertThat(references(list("canbo.trucbach", ""))).contains(issued.reference());
    for (String stranger : OTHER_WARD) {
      for (String q : List.of("", "khác phường", "001085777004", issued.passNumber(), issued.reference())) {
        assertThat(references(list(stranger, q))).as(stranger + " " + q).doesNotContain(issued.reference());
      }
    }
  }

  @Test
  void analystsAndAnonymousCallers_areRefused() {
    Issued issued = issueOneStampedPass("Mai Thị Phân Tích", "001085777005");
    for (String listOrCase : List.of("/api/cases", "/api/cases?q=" + issued.reference(),
        "/api/cases/" + issued.reference())) {
      ResponseEntity<String> refused = get(DemoUsers.ANALYST, listOrCase);
      assertThat(refused.getStatusCode()).as(listOrCase).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).doesNotContain("Phân Tích");
    }
    assertThat(rest.getForEntity("/api/cases", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void afterStartTheCskvSeesTheNewCasesReference() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", List.of(resident("Lý Thị Mới Nhất", "1985-03-01",
        "001085777003", null)));
    String reference = ProcessVariables.reference(
        applications.findByProcessInstance(instance.getId()).orElseThrow().id());

    JsonNode answer = list("cskv.trucbach", "");
    assertThat(answer.at("/mine/reference").asText()).isEqualTo(reference);
    assertThat(answer.at("/mine/status").asText()).isEqualTo("REGISTERED");
    assertThat(answer.at("/mine/waitingAt/0").asText()).isEqualTo("Xét duyệt danh sách");
    assertThat(answer.at("/cases/0/reference").asText()).isEqualTo(reference);
    assertThat(list("canbo.trucbach", "").get("mine").isNull()).as("only the registering user's").isTrue();
    JsonNode registered = list("cskv.trucbach", "mới nhất");
    assertThat(references(registered)).containsExactly(reference);
    assertThat(references(list("cskv.trucbach", "?status=IN_REVIEW"))).doesNotContain(reference);
    assertThat(references(list("cskv.trucbach", "?status=REGISTERED&kind=INDIVIDUAL"))).contains(reference);
  }

  @Test
  void aCaseAtTheStampTask_showsThatStep_thoughItRunsInTheInstanceTheCaseCalled() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", List.of(resident("Đỗ Văn Chờ Dấu", "1985-03-01",
        "001085777006", null)));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    String reference = ProcessVariables.reference(
        applications.findByProcessInstance(instance.getId()).orElseThrow().id());

    JsonNode found = list("congan.trucbach", reference);
    assertThat(found.at("/cases/0/reference").asText()).isEqualTo(reference);
    assertThat(found.at("/cases/0/waitingAt").toString()).isEqualTo("[\"Kiểm tra và đóng dấu danh sách\"]");
    JsonNode detail = json.readTree(get("congan.trucbach", "/api/cases/" + reference).getBody());
    assertThat(detail.at("/summary/waitingAt").toString()).isEqualTo("[\"Kiểm tra và đóng dấu danh sách\"]");
    List<String> history = new ArrayList<>();
    detail.get("history").forEach(e -> history.add(e.get("what").asText()));
    assertThat(history).contains("Đang chờ: Kiểm tra và đóng dấu danh sách");
  }

  @Test
  void thePageIsServedInVietnamese() {
    ResponseEntity<String> page = rest.getForEntity("/ho-so/", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<html lang=\"vi\">", "Hồ sơ của phường", "Tìm hồ sơ",
        "số CCCD/CMND (đủ số)", "Lịch sử xử lý");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
    // Names on a shared office PC stay out of the browser's cache.
    assertThat(get("canbo.trucbach", "/api/cases").getHeaders().getFirst("Cache-Control")).contains("no-store");
    assertThat(rest.getForEntity("/ho-so/case-list.js", String.class).getBody()).contains("/api/cases");
    assertThat(rest.getForEntity("/ho-so", String.class).getBody()).as("redirected to /ho-so/")
        .contains("Hồ sơ của phường");
  }

  @Test
  void whileTheBundleIsRendered_theCaseShowsHowManyOfHowManyPassesAreDone() throws Exception {
    Issued issued = issueOneStampedPass("Phan Văn Chờ In", "001085777002");
    String path = "/api/cases/" + issued.reference();
    assertThat(json.readTree(get("canbo.trucbach", path).getBody()).get("bundleInProgress").isNull())
        .as("rendered").isTrue();
    long id = Long.parseLong(issued.reference().substring(3));
    // As a 5,000-pass bundle looks mid-render (the render writes its progress in its own transactions).
    jdbc.sql("update bundle_progress set rendered = 1200, total = 5000 where application_id = ?").param(id).update();

    JsonNode rendering = json.readTree(get("canbo.trucbach", path).getBody()).get("bundleInProgress");

    assertThat(rendering.get("rendered").asInt()).isEqualTo(1200);
    assertThat(rendering.get("total").asInt()).isEqualTo(5000);
  }

  private record Issued(String reference, String passNumber) {
  }

  private Issued issueOneStampedPass(String name, String idNumber) {
    ProcessInstance instance = register("cskv.trucbach", List.of(resident(name, "1985-03-01", idNumber, null)));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    for (int i = 0; i < 10; i++) {
      managementService.createJobQuery().rootProcessInstanceId(instance.getId()).executable().list()
          .forEach(job -> managementService.executeJob(job.getId()));
    }
    long id = applications.findByProcessInstance(instance.getId()).orElseThrow().id();
    return new Issued(ProcessVariables.reference(id), registry.passes(id, PassStatus.ISSUED).get(0).passNumber());
  }

  /** {@code q} starting with "?" is a whole query string. */
  private JsonNode list(String user, String q) throws Exception {
    String uri = q.startsWith("?") ? "/api/cases" + q : "/api/cases?q={q}";
    ResponseEntity<String> answer = rest.withBasicAuth(user, "test-password").getForEntity(uri, String.class, q);
    assertThat(answer.getStatusCode()).as(user + " " + uri).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }

  private static List<String> references(JsonNode list) {
    List<String> references = new ArrayList<>();
    list.get("cases").forEach(c -> references.add(c.get("reference").asText()));
    return references;
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, "test-password").getForEntity(path, String.class);
  }
}
