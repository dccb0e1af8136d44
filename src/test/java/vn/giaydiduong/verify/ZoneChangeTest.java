package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.rules.RuleException;
import vn.giaydiduong.ward.WardRegistry;
import vn.giaydiduong.ward.Zone;

/**
 * A ward's zone change reaches the passes already issued there (processes/zone-change.dmn): shortened, kept or
 * revoked in the change's transaction, honoured by the online check and published for the offline page, and the
 * affected holders listed for the ward. Passes are issued through the individual-pass process in Phúc Xá, whose
 * zone each test puts back to green.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ZoneChangeTest extends PassIssuing {

  private static final String PHUC_XA = "00001";
  private static final String PASSWORD = "test-password";

  @Autowired TestRestTemplate rest;
  @Autowired PassCodec codec;
  @Autowired SigningKeyStore keys;
  @Autowired PassStandings standings;
  @Autowired WardRegistry wards;
  @Autowired JdbcClient jdbc;
  @Autowired RepositoryService repositoryService;
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void greenAgain() {
    jdbc.sql("update ward set zone = 'GREEN' where code = ?").param(PHUC_XA).update();
  }

  @Test
  void greenToRed_shortensA31DayPassToSevenDaysFromTheChange() throws Exception {
    LocalDate today = Dates.today();
    Pass pass = issuePass("phucxa", "Phạm Văn Xanh", today, today.plusDays(30));
    LocalDate lastDay = today.plusDays(6);

    assertThat(changeZone("demo", "demo", "RED").getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(jdbc.sql("select shortened_until from pass where pass_number = ?").param(pass.passNumber())
        .query(LocalDate.class).single()).isEqualTo(lastDay);
    JsonNode now = json.readTree(rest.postForEntity("/api/passes/verify", text(pass.qrText()), String.class)
        .getBody());
    assertThat(now.get("status").asText()).isEqualTo("VALID");
    assertThat(now.get("validUntil").asText()).as("the signed date stays").isEqualTo(today.plusDays(30).toString());
    assertThat(now.get("shortenedUntil").asText()).isEqualTo(lastDay.toString());
    assertThat(now.get("message").asText()).startsWith("Hợp lệ đến hết ngày " + Dates.format(lastDay));

    Instant midnight = lastDay.plusDays(1).atStartOfDay(Dates.HANOI).toInstant();
    assertThat(verifierAt(midnight.minusSeconds(60)).verify(pass.qrText()).status())
        .isEqualTo(VerificationStatus.VALID);
    Verification expired = verifierAt(midnight).verify(pass.qrText());
    assertThat(expired.status()).isEqualTo(VerificationStatus.EXPIRED);
    assertThat(expired.message()).isEqualTo("Giấy đã hết hạn ngày " + Dates.format(lastDay) + ": phường chuyển "
        + "sang vùng đỏ ngày " + Dates.format(today) + " nên giấy cấp ở vùng xanh chỉ còn giá trị đến hết ngày "
        + Dates.format(lastDay) + ". Không cho qua.");

    // Offline checkpoints get the same shortening with the revocations they sync.
    JsonNode shortened = json.readTree(rest.getForEntity("/api/revocations?since=" + Instant.now(), String.class)
        .getBody()).get("shortened");
    assertThat(shortened).anySatisfy(rule -> {
      assertThat(rule.get("ward").asText()).isEqualTo(PHUC_XA);
      assertThat(rule.get("zone").asText()).isEqualTo("GREEN");
      assertThat(rule.get("kind").asText()).isEqualTo("INDIVIDUAL");
      assertThat(rule.get("newZone").asText()).isEqualTo("RED");
      assertThat(rule.get("changedOn").asText()).isEqualTo(today.toString());
      assertThat(rule.get("validUntil").asText()).isEqualTo(lastDay.toString());
      assertThat(Instant.parse(rule.get("signedBefore").asText())).isAfterOrEqualTo(pass.stampedAt()
          .toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    });

    // The ward's users and the supervisors see who needs a new pass, and which CSKV registered them.
    ResponseEntity<String> list = affected("canbo.phucxa");
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode answer = json.readTree(list.getBody());
    assertThat(answer.get("oldZone").asText()).isEqualTo("GREEN");
    assertThat(answer.get("newZone").asText()).isEqualTo("RED");
    assertThat(answer.get("changedBy").asText()).isEqualTo("demo");
    assertThat(answer.get("shortened").asInt()).isEqualTo(answer.get("affected").size());
    JsonNode holder = find(answer.get("affected"), pass.passNumber());
    assertThat(holder.get("holderName").asText()).isEqualTo("Phạm Văn Xanh");
    assertThat(holder.get("maskedIdNumber").asText()).matches("001\\*{6}\\d{3}");
    assertThat(holder.get("action").asText()).isEqualTo("SHORTEN");
    assertThat(holder.get("validUntil").asText()).isEqualTo(lastDay.toString());
    assertThat(holder.get("registeredBy").asText()).isEqualTo("cskv.phucxa");
    assertThat(list.getBody()).as("no full ID number").doesNotContain("0010850");
    assertThat(affected("giamsat").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aListWaitingForItsStampWhenTheWardTurnsRed_isSignedInRedForAtMostSevenDays() throws Exception {
    LocalDate today = Dates.today();
    Map<String, Object> person = resident("Đỗ Văn Chờ", "1985-03-01", "001085990777", null);
    person.put("validFrom", today.toString());
    person.put("validUntil", today.plusDays(30).toString());
    ProcessInstance instance = register("cskv.phucxa", List.of(person));
    completeTask(instance, "canbo.phucxa", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));

    assertThat(changeZone("demo", "demo", "RED").getStatusCode()).isEqualTo(HttpStatus.OK);
    completeTask(instance, "congan.phucxa", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    execute(caseJob(instance));

    long applicationId = ((Number) runtimeService.getVariable(instance.getId(),
        ProcessVariables.APPLICATION_ID.name())).longValue();
    Pass pass = registry.passes(applicationId, PassStatus.ISSUED).get(0);
    assertThat(pass.zone()).isEqualTo(Zone.RED);
    assertThat(pass.validUntil()).as("red allows seven days, counted from the stamp").isEqualTo(today.plusDays(6));
    assertThat(pass.rule().definitionId()).startsWith("pass-validity:");
    JsonNode answer = json.readTree(rest.postForEntity("/api/passes/verify", text(pass.qrText()), String.class)
        .getBody());
    assertThat(answer.get("status").asText()).isEqualTo("VALID");
    assertThat(answer.get("validUntil").asText()).as("the signed date").isEqualTo(today.plusDays(6).toString());
  }

  @Test
  void anotherWardsOfficial_isRefusedTheAffectedList() throws Exception {
    ResponseEntity<String> refused = affected("canbo.trucbach");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(json.readTree(refused.getBody()).get("message").asText()).contains("danh sách người cần cấp lại");
    assertThat(affected("cskv.tranhungdao").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/wards/" + PHUC_XA + "/zone-changes/latest/affected", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void onlyAdministratorsChangeAZone() {
    ResponseEntity<String> refused = changeZone("canbo.phucxa", PASSWORD, "RED");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(wards.get(PHUC_XA).zone()).isEqualTo(Zone.GREEN);
  }

  @Test
  void redToGreen_keepsThePasses() throws Exception {
    jdbc.sql("update ward set zone = 'RED' where code = ?").param(PHUC_XA).update();
    LocalDate today = Dates.today();
    Pass pass = issuePass("phucxa", "Trần Thị Đỏ", today, today.plusDays(6));
    assertThat(pass.zone()).isEqualTo(Zone.RED);

    assertThat(changeZone("demo", "demo", "GREEN").getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(jdbc.sql("select shortened_until from pass where pass_number = ?").param(pass.passNumber())
        .query(LocalDate.class).optional()).isEmpty();
    Verification verdict = verifierAt(Instant.now()).verify(pass.qrText());
    assertThat(verdict.status()).isEqualTo(VerificationStatus.VALID);
    assertThat(verdict.message()).startsWith("Hợp lệ: cho qua");
    assertThat(verdict.shortenedUntil()).isNull();
    JsonNode answer = json.readTree(affected("congan.phucxa").getBody());
    assertThat(answer.get("newZone").asText()).isEqualTo("GREEN");
    assertThat(answer.get("kept").asInt()).isPositive();
    assertThat(answer.get("affected").findValuesAsText("passNumber")).doesNotContain(pass.passNumber());
  }

  @Test
  void aTableThatRevokes_revokesThePassesInTheChange() throws Exception {
    LocalDate today = Dates.today();
    Pass pass = issuePass("phucxa", "Lê Văn Cam", today, today.plusDays(20));
    String revoking = table().replace("<text>\"SHORTEN\"</text>", "<text>\"REVOKE\"</text>");
    String deployment = repositoryService.createDeployment().name("zone-change-revokes")
        .addString("zone-change.dmn", revoking).deploy().getId();
    try {
      Instant before = Instant.now().minusSeconds(1);
      assertThat(changeZone("demo", "demo", "ORANGE").getStatusCode()).isEqualTo(HttpStatus.OK);

      assertThat(registry.find(pass.passNumber()).orElseThrow().status()).isEqualTo(PassStatus.REVOKED);
      assertThat(jdbc.sql("select revoked_reason from pass where pass_number = ?").param(pass.passNumber())
          .query(String.class).single()).startsWith("Phường chuyển từ vùng xanh sang vùng cam ngày");
      assertThat(verifierAt(Instant.now()).verify(pass.qrText()).status()).isEqualTo(VerificationStatus.REVOKED);
      JsonNode list = json.readTree(rest.getForEntity("/api/revocations?since=" + before, String.class).getBody());
      assertThat(list.get("revoked").findValuesAsText("passId")).contains(pass.passNumber());
      JsonNode holder = find(json.readTree(affected("cskv.phucxa").getBody()).get("affected"), pass.passNumber());
      assertThat(holder.get("action").asText()).isEqualTo("REVOKE");
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  @Test
  void aBrokenTable_rollsTheZoneChangeBack() throws Exception {
    LocalDate today = Dates.today();
    Pass pass = issuePass("phucxa", "Vũ Thị Lỗi", today, today.plusDays(10));
    String broken = table().replaceAll("<outputEntry (id=\"[^\"]+\")><text>\"[A-Z]+\"</text>",
        "<outputEntry $1><text>\"MAYBE\"</text>");
    String deployment = repositoryService.createDeployment().name("zone-change-broken")
        .addString("zone-change.dmn", broken).deploy().getId();
    // Stamp times are kept to the second: an earlier test's change in the same second must not count here.
    long changesBefore = zoneChangesTo(Zone.RED);
    try {
      ResponseEntity<String> refused = changeZone("demo", "demo", "RED");
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
      assertThat(json.readTree(refused.getBody()).get("message").asText())
          .startsWith("Bảng quyết định \"zone-change\" cần được sửa").endsWith("Vùng của phường chưa được đổi.");
      assertThatThrownBy(() -> wards.changeZone(PHUC_XA, Zone.RED, "demo")).isInstanceOf(RuleException.class);
      assertThat(wards.get(PHUC_XA).zone()).isEqualTo(Zone.GREEN);
      assertThat(zoneChangesTo(Zone.RED)).isEqualTo(changesBefore);
      assertThat(verifierAt(Instant.now()).verify(pass.qrText()).status()).isEqualTo(VerificationStatus.VALID);
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  private long zoneChangesTo(Zone zone) {
    return jdbc.sql("select count(*) from zone_change where ward_code = ? and new_zone = ?")
        .params(PHUC_XA, zone.name()).query(Long.class).single();
  }

  private static String table() throws IOException {
    return Files.readString(Path.of("processes/zone-change.dmn"));
  }

  private static JsonNode find(JsonNode affected, String passNumber) {
    for (JsonNode entry : affected) {
      if (entry.get("passNumber").asText().equals(passNumber)) {
        return entry;
      }
    }
    throw new AssertionError(passNumber + " not in " + affected);
  }

  private ResponseEntity<String> changeZone(String user, String password, String zone) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, password).exchange("/api/wards/" + PHUC_XA + "/zone", HttpMethod.PUT,
        new HttpEntity<>("{\"zone\":\"" + zone + "\"}", headers), String.class);
  }

  private ResponseEntity<String> affected(String user) {
    return rest.withBasicAuth(user, PASSWORD)
        .getForEntity("/api/wards/" + PHUC_XA + "/zone-changes/latest/affected", String.class);
  }

  private PassVerifier verifierAt(Instant instant) {
    return new PassVerifier(codec, keys, standings, wards, Clock.fixed(instant, Dates.HANOI),
        PassVerifier.VERIFIED_CACHE_SIZE);
  }

  private static HttpEntity<String> text(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    return new HttpEntity<>(body, headers);
  }
}
