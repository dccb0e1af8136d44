package vn.giaydiduong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.giaydiduong.identity.DemoUsers;

/**
 * Analysts change models, not people's data: what they deploy can call the process beans and nothing else (no
 * scripts, no classes, no other Spring bean such as the signing-key store), and suspending a process is for
 * supervisors and administrators.
 */
@SecurityHttpTest
class ModelSandboxTest {

  private static final String REST = SecurityHttpTest.REST;

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;

  @Test
  void anAnalystDeploysModels_butNoneWithScriptsOrClasses() {
    assertThat(deploy("sandbox-plain", "<bpmn:serviceTask id=\"Task_Sign\" name=\"Ký\" "
        + "camunda:delegateExpression=\"${signPasses}\"/>").getStatusCode().value()).isEqualTo(200);

    for (String hostile : new String[] {
        "<bpmn:scriptTask id=\"Task_Script\" name=\"Chạy script\" scriptFormat=\"javascript\">"
            + "<bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>",
        "<bpmn:serviceTask id=\"Task_Class\" name=\"Lớp\" camunda:class=\"java.lang.Runtime\"/>",
        "<bpmn:serviceTask id=\"Task_Listener\" name=\"Nghe\" camunda:expression=\"${true}\">"
            + "<bpmn:extensionElements><camunda:executionListener event=\"start\">"
            + "<camunda:script scriptFormat=\"groovy\">'x'</camunda:script></camunda:executionListener>"
            + "</bpmn:extensionElements></bpmn:serviceTask>"}) {
      ResponseEntity<String> refused = deploy("sandbox-hostile", hostile);
      assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
      assertThat(refused.getBody()).contains("Mô hình không được triển khai");
    }
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("sandbox-hostile").count())
        .isZero();
  }

  @Test
  void expressionsReachTheProcessBeans_notTheServicesBehindThem() {
    repositoryService.createDeployment().addString("sandbox-bean.bpmn", model("sandbox-bean",
        "<bpmn:serviceTask id=\"Task_Keys\" name=\"Đọc khóa\" "
            + "camunda:expression=\"${signingKeyStore.activeKey('00004')}\"/>")).deploy();
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("sandbox-bean", Map.of()))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("signingKeyStore");
  }

  @Test
  void suspendingAProcessIsForSupervisors_notAnalystsOrWardUsers() {
    String suspend = REST + "/process-definition/key/revoke-pass/suspended";
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var on = new HttpEntity<>("{\"suspended\": true, \"includeProcessInstances\": false}", headers);
    var off = new HttpEntity<>("{\"suspended\": false, \"includeProcessInstances\": false}", headers);
    for (String user : new String[] {DemoUsers.ANALYST, "canbo.trucbach"}) {
      assertThat(rest.withBasicAuth(user, "test-password").exchange(suspend, HttpMethod.PUT, on, String.class)
          .getStatusCode().value()).as(user).isEqualTo(403);
    }
    try {
      assertThat(rest.withBasicAuth(DemoUsers.SUPERVISOR, "test-password").exchange(suspend, HttpMethod.PUT, on,
          String.class).getStatusCode().value()).isEqualTo(204);
    } finally {
      rest.withBasicAuth("demo", "demo").exchange(suspend, HttpMethod.PUT, off, String.class);
    }
  }

  /** A multipart body with its length declared, as the request size filter demands. */
  private ResponseEntity<String> deploy(String key, String element) {
    String boundary = "giaydiduong-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + key
        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + key
        + ".bpmn\"\r\nContent-Type: application/xml\r\n\r\n" + model(key, element) + "\r\n--" + boundary + "--\r\n";
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary));
    return rest.withBasicAuth(DemoUsers.ANALYST, "test-password").postForEntity(REST + "/deployment/create",
        new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  private static String model(String key, String element) {
    String id = element.replaceFirst("(?s).*? id=\"([^\"]+)\".*", "$1");
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://giaydiduong.vn/test">
          <bpmn:process id="%s" name="Thử" isExecutable="true" camunda:historyTimeToLive="1">
            <bpmn:startEvent id="StartEvent_1"/>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="%s"/>
            %s
            <bpmn:sequenceFlow id="Flow_2" sourceRef="%s" targetRef="EndEvent_1"/>
            <bpmn:endEvent id="EndEvent_1"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, id, element, id);
  }
}
