package vn.giaydiduong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * The REST APIs as a client sees them: HTTP Basic against Camunda's identity service, and each ward's officials
 * confined to their own ward's tasks and records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RestApiSecurityTest {

  private static final String PASSWORD = "test-password";

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void anonymousCallsAreRefusedExceptThePublicKeys() {
    assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/api/wards", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // A user no other test logs in as: Camunda delays the next login after a wrong password.
    assertThat(rest.withBasicAuth("congan.tranhungdao", "wrong").getForEntity("/api/wards", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/api/keys", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void anOfficialCannotSeeClaimOrCompleteAnotherWardsTask() throws Exception {
    String instanceId = start("cskv.trucbach", List.of(resident("001085000123"))).get("id").asText();
    String query = "/engine-rest/task?processInstanceId=" + instanceId;

    JsonNode own = get("canbo.trucbach", query);
    assertThat(own).hasSize(1);
    String taskId = own.get(0).get("id").asText();
    assertThat(get("canbo.phucxa", query)).isEmpty();
    assertThat(get("cskv.trucbach", query)).as("the registering CSKV does not review").isEmpty();

    assertThat(call("canbo.phucxa", HttpMethod.GET, "/engine-rest/task/" + taskId, null).getStatusCode()
        .value()).isIn(403, 404);
    assertThat(call("canbo.phucxa", HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim",
        Map.of("userId", "canbo.phucxa")).getStatusCode().value()).isIn(403, 404);
    assertThat(call("canbo.phucxa", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", Map.of("reviewOutcome", Map.of("value", "APPROVE_ALL")))).getStatusCode().value())
        .isIn(403, 404);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();

    assertThat(call("canbo.trucbach", HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim",
        Map.of("userId", "canbo.trucbach")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void badInputOverRestIsRefusedInVietnameseAndStartsNothing() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().count();

    ResponseEntity<String> wrongId = startRaw("cskv.trucbach", List.of(resident("12345")));
    assertThat(wrongId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // The Vietnamese message alone: no engine prefix, no internal definition id.
    assertThat(json.readTree(wrongId.getBody()).get("message").asText())
        .contains("CCCD gồm 12 chữ số, CMND gồm 9 chữ số").doesNotContain("Cannot", "individual-pass:");

    Map<String, Object> huge = resident("001085000123");
    huge.put("fullName", "A".repeat(10 * 1024 * 1024));
    ResponseEntity<String> tooLarge = startRaw("cskv.trucbach", List.of(huge));
    assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(tooLarge.getBody()).contains("quá lớn");

    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void onlyAdministratorsChangeAZone() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var change = new HttpEntity<>("{\"zone\":\"RED\"}", headers);
    assertThat(rest.withBasicAuth("canbo.trucbach", PASSWORD)
        .exchange("/api/wards/00082/zone", HttpMethod.PUT, change, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> changed = rest.withBasicAuth("demo", "demo")
        .exchange("/api/wards/00082/zone", HttpMethod.PUT, change, String.class);
    assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(changed.getBody()).get("zone").asText()).isEqualTo("RED");
    assertThat(rest.withBasicAuth("demo", "demo").exchange("/api/wards/00082/zone", HttpMethod.PUT,
        new HttpEntity<>("{\"zone\":\"PURPLE\"}", headers), String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void onlyAdministratorsRotateAWardsKey_andTheRetiredKeyStaysPublished() throws Exception {
    assertThat(call("congan.trucbach", HttpMethod.POST, "/api/wards/00004/signing-key/rotation", null)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    String first = json.readTree(call("demo", HttpMethod.POST, "/api/wards/00004/signing-key/rotation", null)
        .getBody()).get("kid").asText();
    String second = json.readTree(call("demo", HttpMethod.POST, "/api/wards/00004/signing-key/rotation", null)
        .getBody()).get("kid").asText();
    assertThat(second).isNotEqualTo(first);
    JsonNode keys = json.readTree(rest.getForEntity("/api/keys", String.class).getBody()).get("keys");
    assertThat(keys.findValuesAsText("kid")).contains(first, second);
    assertThat(call("demo", HttpMethod.POST, "/api/wards/99999/signing-key/rotation", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private JsonNode start(String user, List<Map<String, Object>> residents) throws Exception {
    ResponseEntity<String> response = startRaw(user, residents);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private ResponseEntity<String> startRaw(String user, List<Map<String, Object>> residents) throws Exception {
    Map<String, Object> body = Map.of("variables", Map.of("residents",
        Map.of("type", "Json", "value", json.writeValueAsString(residents))));
    return call(user, HttpMethod.POST, "/engine-rest/process-definition/key/individual-pass/start", body);
  }

  private JsonNode get(String user, String path) throws Exception {
    ResponseEntity<String> response = call(user, HttpMethod.GET, path, null);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<String> entity = new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers);
    return rest.withBasicAuth(user, user.equals("demo") ? "demo" : PASSWORD).exchange(path, method, entity,
        String.class);
  }

  private static Map<String, Object> resident(String idNumber) {
    Map<String, Object> r = ProcessTestSupportAccess.resident("Nguyễn Thị Hằng", "1985-03-01", idNumber);
    return r;
  }

  /** Reuses the resident builder of the process tests. */
  static final class ProcessTestSupportAccess extends ProcessTestSupport {
    static Map<String, Object> resident(String name, String dateOfBirth, String idNumber) {
      return ProcessTestSupport.resident(name, dateOfBirth, idNumber, null);
    }
  }
}
