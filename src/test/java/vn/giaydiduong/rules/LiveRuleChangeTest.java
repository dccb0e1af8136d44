package vn.giaydiduong.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.DemoUsers;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.security.SecurityHttpTest;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * An analyst changes {@code pass-validity.dmn} over REST as docs/changing-rules.md says, while the application runs:
 * the next list is decided by the new version, its passes record that version, and rolling back (deploying the
 * previous file again) is one more version that later lists follow while issued passes keep theirs. Only analysts
 * deploy.
 */
@SecurityHttpTest
class LiveRuleChangeTest extends ProcessTestSupport {

  private static final String REST = SecurityHttpTest.REST;

  @Autowired TestRestTemplate rest;
  @Autowired PassRegistry registry;
  @Autowired ApplicationStore applications;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aDeployedTableDecidesTheNextList_andItsPassesRecordTheVersion() throws Exception {
    String shipped = shippedTable();
    // Every zone at most 3 days, whatever zone another test left Trúc Bạch in.
    String threeDays = shipped.replaceAll("<text>(7|14|31)</text>", "<text>3</text>");
    assertThat(threeDays).isNotEqualTo(shipped);

    RuleVersion changed = deployedVersion(deploy(DemoUsers.ANALYST, threeDays));
    try {
      assertThat(deploy(DemoUsers.ANALYST, threeDays).getBody()).as("deploy-changed-only skips an unchanged file")
          .doesNotContain("pass-validity:");

      assertThatThrownBy(() -> register("cskv.trucbach", List.of(person(5)))).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("thời hạn đề nghị dài quá 3 ngày");
      Pass pass = numberedPass(person(3));
      assertThat(pass.validUntil()).isEqualTo(Dates.today().plusDays(2));
      assertThat(pass.rule()).isEqualTo(changed);
    } finally {
      // Rolling back is deploying the previous file again: a new version with the old content.
      RuleVersion rolledBack = deployedVersion(deploy(DemoUsers.ANALYST, shipped));
      assertThat(rolledBack.version()).isEqualTo(changed.version() + 1);
    }
    Pass later = numberedPass(person(5));
    assertThat(later.validUntil()).isEqualTo(Dates.today().plusDays(4));
    assertThat(later.rule().version()).isEqualTo(changed.version() + 1);
  }

  @Test
  void aWardOfficialMayNotDeployRules() throws Exception {
    int latest = latestVersion();
    ResponseEntity<String> refused = deploy("canbo.trucbach", shippedTable().replace("<text>31</text>",
        "<text>366</text>"));
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(403);
    assertThat(latestVersion()).isEqualTo(latest);
  }

  private int latestVersion() {
    return processEngine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(PassValidityRules.DECISION).latestVersion().singleResult().getVersion();
  }

  /** One person of Trúc Bạch asking for a pass of {@code days} days from today. */
  private static Map<String, Object> person(int days) {
    Map<String, Object> person = resident("Nguyễn Thị Hằng", "1985-03-01", "001085%06d".formatted(700 + days), null);
    person.put("validUntil", Dates.today().plusDays(days - 1L).toString());
    return person;
  }

  /** Registers and approves: the pass as numbered, awaiting its stamp. */
  private Pass numberedPass(Map<String, Object> person) {
    ProcessInstance instance = register("cskv.trucbach", List.of(person));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    assertThat(instance).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    long applicationId = applications.findByProcessInstance(instance.getId()).orElseThrow().id();
    return registry.passes(applicationId, PassStatus.AWAITING_STAMP).get(0);
  }

  /** The curl of docs/changing-rules.md: multipart, no tenant, deploy-changed-only, the table's own name. */
  private ResponseEntity<String> deploy(String user, String table) {
    String boundary = "giaydiduong-boundary";
    StringBuilder body = new StringBuilder();
    for (var field : Map.of("deployment-name", "pass-validity", "deploy-changed-only", "true").entrySet()) {
      body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field.getKey())
          .append("\"\r\n\r\n").append(field.getValue()).append("\r\n");
    }
    body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"data\"; ")
        .append("filename=\"pass-validity.dmn\"\r\nContent-Type: application/xml\r\n\r\n").append(table)
        .append("\r\n--").append(boundary).append("--\r\n");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary));
    return rest.withBasicAuth(user, "test-password").postForEntity(REST + "/deployment/create",
        new HttpEntity<>(body.toString().getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  private RuleVersion deployedVersion(ResponseEntity<String> deployed) throws IOException {
    assertThat(deployed.getStatusCode().value()).as(deployed.getBody()).isEqualTo(200);
    JsonNode definitions = json.readTree(deployed.getBody()).path("deployedDecisionDefinitions");
    assertThat(definitions.size()).as(deployed.getBody()).isEqualTo(1);
    JsonNode definition = definitions.elements().next();
    assertThat(definition.get("key").asText()).isEqualTo(PassValidityRules.DECISION);
    return new RuleVersion(definition.get("id").asText(), definition.get("version").asInt());
  }

  private static String shippedTable() throws IOException {
    try (InputStream in = LiveRuleChangeTest.class.getResourceAsStream("/processes/pass-validity.dmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
