package vn.giaydiduong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.identity.DemoUsers;
import vn.giaydiduong.organization.OrganizationPassProcessTest;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * An attacker with an ordinary ward account, through the real REST surface: completing their own task or
 * starting a case with a variable the form does not ask for (another ward's case id, ward, reference, a
 * different initiator) is refused with a Vietnamese 400 and changes nothing, for each process and each role.
 * Variables of running cases are written by the system alone.
 */
@SecurityHttpTest
class VariableInjectionTest extends ProcessTestSupport {

  private static final String REST = SecurityHttpTest.REST;

  private static final String PHUC_XA = "00001";

  @Autowired TestRestTemplate rest;
  @Autowired ApplicationStore applications;
  @Autowired PassRegistry registry;
  @Autowired ManagementService managementService;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void wardPoliceCannotSignAnotherWardsPasses_norCskvDeliverThem_byInjectingTheirCase() throws Exception {
    ProcessInstance own = registerAndApprove("cskv.trucbach", "canbo.trucbach");
    ProcessInstance other = registerAndApprove("cskv.phucxa", "canbo.phucxa");
    long otherId = applicationId(other);
    String stampTask = taskId(own);

    for (Map<String, Map<String, Object>> injected : List.<Map<String, Map<String, Object>>>of(
        Map.of(ProcessVariables.APPLICATION_ID.name(), typed(otherId, "Long")),
        Map.of(ProcessVariables.WARD_CODE.name(), typed(PHUC_XA, "String")),
        Map.of(ProcessVariables.REFERENCE.name(), typed(ProcessVariables.reference(otherId), "String")),
        Map.of(ProcessVariables.STAMPED_BY.name(), typed("congan.phucxa", "String")))) {
      Map<String, Object> variables = new HashMap<>(injected);
      variables.put("stampDecision", typed("STAMP", "String"));
      for (String endpoint : List.of("complete", "submit-form")) {
        assertRefused(call("congan.trucbach", HttpMethod.POST, REST + "/task/" + stampTask + "/" + endpoint,
            Map.of("variables", variables)), injected.keySet().iterator().next());
      }
    }
    // Nor set or remove them on the task beforehand.
    assertRefused(call("congan.trucbach", HttpMethod.PUT, REST + "/task/" + stampTask + "/variables/"
        + ProcessVariables.APPLICATION_ID.name(), typed(otherId, "Long")), ProcessVariables.APPLICATION_ID.name());
    assertRefused(call("congan.trucbach", HttpMethod.POST, REST + "/task/" + stampTask + "/variables",
        Map.of("deletions", List.of(ProcessVariables.WARD_CODE.name()))), ProcessVariables.WARD_CODE.name());

    assertThat(own).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    assertThat(runtimeService.getVariable(own.getId(), ProcessVariables.APPLICATION_ID.name()))
        .isEqualTo(applicationId(own));

    // The form's own inputs still work, and sign the officer's own ward's passes only.
    assertThat(call("congan.trucbach", HttpMethod.POST, REST + "/task/" + stampTask + "/complete",
        Map.of("variables", Map.of("stampDecision", typed("STAMP", "String")))).getStatusCode().value())
        .isEqualTo(204);
    runJobs(own);
    assertThat(registry.passes(applicationId(own), PassStatus.ISSUED)).hasSize(1);
    assertThat(registry.passes(otherId, PassStatus.AWAITING_STAMP)).hasSize(1);
    assertThat(registry.passes(otherId, PassStatus.ISSUED)).isEmpty();

    assertThat(own).isWaitingAt("Task_DeliverPasses");
    assertRefused(call("cskv.trucbach", HttpMethod.POST, REST + "/task/" + taskId(own) + "/complete",
        Map.of("variables", Map.of("deliveredTo", typed("Nguyễn Văn Nhận", "String"),
            ProcessVariables.APPLICATION_ID.name(), typed(otherId, "Long")))), ProcessVariables.APPLICATION_ID.name());
    assertThat(own).isWaitingAt("Task_DeliverPasses");
  }

  @Test
  void aWardOfficialCannotDecideAnotherWardsList_byInjectingItsCase() throws Exception {
    ProcessInstance own = register("cskv.trucbach", residents(2));
    ProcessInstance other = register("cskv.phucxa", residents(2));
    long otherId = applicationId(other);

    assertRefused(call("canbo.trucbach", HttpMethod.POST, REST + "/task/" + taskId(own) + "/complete",
        Map.of("variables", Map.of("reviewOutcome", typed("REJECT_ALL", "String"),
            "rejectAllReason", typed("Không đủ điều kiện", "String"),
            ProcessVariables.APPLICATION_ID.name(), typed(otherId, "Long")))), ProcessVariables.APPLICATION_ID.name());

    assertThat(own).isWaitingAt("Task_ReviewList");
    assertThat(applications.applicants(otherId, vn.giaydiduong.pass.Decision.PENDING)).hasSize(2);
    assertThat(applications.applicants(applicationId(own), vn.giaydiduong.pass.Decision.PENDING)).hasSize(2);
  }

  @Test
  void aStartTakesOnlyItsFormsInputs_theInitiatorAndWardAreTheLoggedInCskvs() throws Exception {
    long before = runtimeService.createProcessInstanceQuery().count();
    Map<String, Object> residentsJson = typed(json.writeValueAsString(residents(1)), "Json");

    for (String injected : List.of("initiator", ProcessVariables.WARD_CODE.name(),
        ProcessVariables.APPLICATION_ID.name())) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(ProcessVariables.RESIDENTS.name(), residentsJson);
      variables.put(injected, injected.equals(ProcessVariables.APPLICATION_ID.name()) ? typed(1L, "Long")
          : typed(injected.equals("initiator") ? "cskv.phucxa" : PHUC_XA, "String"));
      for (String endpoint : List.of("start", "submit-form")) {
        assertRefused(call("cskv.trucbach", HttpMethod.POST, REST + "/process-definition/key/individual-pass/"
            + endpoint, Map.of("variables", variables)), injected);
      }
    }
    assertRefused(call("cskv.trucbach", HttpMethod.POST, REST + "/process-definition/key/market-card/start",
        Map.of("variables", Map.of(ProcessVariables.HOUSEHOLDS_TABLE.name(),
            typed("Hoàng Văn Một; Người Đi Chợ; 001180900001; ; Số 1 phố Thử; 3", "String"),
            "initiator", typed("cskv.phucxa", "String")))), "initiator");
    Map<String, Object> organization = new LinkedHashMap<>();
    OrganizationPassProcessTest.registration(3).forEach((name, value) -> organization.put(name,
        typed(value, value instanceof Integer ? "Integer" : "String")));
    organization.put("initiator", typed("cskv.phucxa", "String"));
    assertRefused(call("cskv.trucbach", HttpMethod.POST,
        REST + "/process-definition/key/organization-pass/start", Map.of("variables", organization)),
        "initiator");
    // Starting part-way through a process skips the registration checks: not for ward users.
    assertRefused(call("cskv.trucbach", HttpMethod.POST, REST + "/process-definition/key/individual-pass/start",
        Map.of("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Call_StampAndSign")),
            "variables", Map.of())), null);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);

    ResponseEntity<String> started = call("cskv.trucbach", HttpMethod.POST,
        REST + "/process-definition/key/individual-pass/start",
        Map.of("variables", Map.of(ProcessVariables.RESIDENTS.name(), residentsJson)));
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
    String instanceId = json.readTree(started.getBody()).get("id").asText();
    var application = applications.findByProcessInstance(instanceId).orElseThrow();
    assertThat(application.wardCode()).isEqualTo(TRUC_BACH);
    assertThat(application.registeredBy()).isEqualTo("cskv.trucbach");
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult().getStartUserId()).isEqualTo("cskv.trucbach");
  }

  @Test
  void theOfficialEnteringAnOrganizationCannotPointTheEntryAtAnotherCase() throws Exception {
    actAs("cskv.trucbach");
    ProcessInstance own;
    try {
      own = runtimeService.startProcessInstanceByKey("organization-pass", OrganizationPassProcessTest.registration(3));
    } finally {
      identityService.clearAuthentication();
    }
    ProcessInstance other = register("cskv.phucxa", residents(1));
    assertThat(own).isWaitingAt("Task_EnterRegistration");

    assertRefused(call("canbo.trucbach", HttpMethod.POST, REST + "/task/" + taskId(own) + "/complete",
        Map.of("variables", Map.of(ProcessVariables.APPLICATION_ID.name(), typed(applicationId(other), "Long")))),
        ProcessVariables.APPLICATION_ID.name());
    assertThat(own).isWaitingAt("Task_EnterRegistration");
  }

  @Test
  void runningCasesVariablesAndMessagesAreTheSystems_aSupervisorCannotRewriteThem() throws Exception {
    ProcessInstance own = register("cskv.trucbach", residents(1));
    String variable = REST + "/process-instance/" + own.getId() + "/variables/" + ProcessVariables.WARD_CODE.name();
    for (String user : List.of("canbo.trucbach", DemoUsers.SUPERVISOR)) {
      assertThat(call(user, HttpMethod.PUT, variable, typed(PHUC_XA, "String")).getStatusCode().value())
          .as(user).isIn(400, 403);
      assertThat(call(user, HttpMethod.POST, REST + "/message", Map.of("messageName", "StaffListReceived",
          "processVariables", Map.of(ProcessVariables.STAFF_LIST_SUBMISSION_ID.name(), typed(1L, "Long"))))
          .getStatusCode().value()).as(user).isIn(400, 403);
    }
    assertThat(runtimeService.getVariable(own.getId(), ProcessVariables.WARD_CODE.name())).isEqualTo(TRUC_BACH);
  }

  @Test
  void everyStepRechecksItsCase_aTamperedCaseIdOrAUserOfNoWardChangesNothing() throws Exception {
    ProcessInstance own = registerAndApprove("cskv.trucbach", "canbo.trucbach");
    ProcessInstance other = registerAndApprove("cskv.phucxa", "canbo.phucxa");
    String stampTask = taskId(own);

    // The administrator of the city belongs to no ward: they cannot stamp a ward's passes either.
    ResponseEntity<String> byAdmin = call("demo", HttpMethod.POST, REST + "/task/" + stampTask + "/complete",
        Map.of("variables", Map.of("stampDecision", typed("STAMP", "String"))));
    assertThat(byAdmin.getStatusCode().value()).as(byAdmin.getBody()).isEqualTo(403);
    assertThat(byAdmin.getBody()).contains("thuộc phường khác");

    // Even if the variable were changed behind the gate (here by the administrator), the step finds its case by
    // the process instance and refuses to act on the case the variable names. The stamp task runs in the instance
    // the case called (stamp-and-sign), with its own copy of the variable: that copy is the one changed here.
    runtimeService.setVariable(openTask(own).getProcessInstanceId(), ProcessVariables.APPLICATION_ID.name(),
        applicationId(other));
    ResponseEntity<String> tampered = call("congan.trucbach", HttpMethod.POST,
        REST + "/task/" + stampTask + "/complete",
        Map.of("variables", Map.of("stampDecision", typed("STAMP", "String"))));
    assertThat(tampered.getStatusCode().is2xxSuccessful()).as(tampered.getBody()).isFalse();
    assertThat(own).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    assertThat(registry.passes(applicationId(other), PassStatus.AWAITING_STAMP)).hasSize(1);
  }

  @Test
  void tasklistsOwnEngineApi_refusesAnInjectedVariableInVietnamese() throws Exception {
    ProcessInstance own = register("cskv.trucbach", residents(1));
    ProcessInstance other = register("cskv.phucxa", residents(1));
    HttpHeaders session = tasklistSession("canbo.trucbach");
    session.setContentType(MediaType.APPLICATION_JSON);
    String body = json.writeValueAsString(Map.of("variables", Map.of(
        "reviewOutcome", typed("APPROVE_ALL", "String"),
        ProcessVariables.APPLICATION_ID.name(), typed(applicationId(other), "Long"))));

    ResponseEntity<String> refused = rest.exchange("/camunda/api/engine/engine/" + SecurityHttpTest.ENGINE
        + "/task/" + taskId(own) + "/submit-form", HttpMethod.POST, new HttpEntity<>(body, session), String.class);

    assertRefused(refused, ProcessVariables.APPLICATION_ID.name());
    assertThat(own).isWaitingAt("Task_ReviewList");
  }

  @Test
  void wardPoliceCannotStampAnotherWardsMarketCards_byInjectingTheirCase() throws Exception {
    ProcessInstance own = listHouseholds("cskv.trucbach", "Hoàng Văn Tư; Người Đi Chợ Tư; 001180900104; ; Số 4 "
        + "phố Thử; 3");
    ProcessInstance other = listHouseholds("cskv.phucxa", "Hoàng Văn Năm; Người Đi Chợ Năm; 001180900105; ; Số 5 "
        + "phố Thử; 2");
    completeTask(own, "canbo.trucbach", Map.of("reviewOutcome", "APPROVE_ALL"));
    completeTask(other, "canbo.phucxa", Map.of("reviewOutcome", "APPROVE_ALL"));
    assertThat(own).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");

    assertRefused(call("congan.trucbach", HttpMethod.POST, REST + "/task/" + taskId(own) + "/complete",
        Map.of("variables", Map.of("stampDecision", typed("STAMP", "String"),
            ProcessVariables.APPLICATION_ID.name(), typed(applicationId(other), "Long")))),
        ProcessVariables.APPLICATION_ID.name());
    assertThat(own).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    assertThat(registry.passes(applicationId(other), PassStatus.AWAITING_STAMP)).hasSize(1);
  }

  private ProcessInstance listHouseholds(String cskv, String rows) {
    actAs(cskv);
    try {
      return runtimeService.startProcessInstanceByKey("market-card", Map.of(ProcessVariables.HOUSEHOLDS_TABLE.name(),
          rows));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Logs in to Tasklist as its login page does: a session, Camunda's CSRF token, the login form. */
  private HttpHeaders tasklistSession(String user) {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/" + SecurityHttpTest.ENGINE + "/",
        String.class);
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, cookies(page));
    headers.add("X-XSRF-TOKEN", page.getHeaders().getFirst("X-XSRF-TOKEN"));
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = rest.exchange("/camunda/api/admin/auth/user/" + SecurityHttpTest.ENGINE
        + "/login/tasklist", HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=test-password",
        headers), String.class);
    assertThat(login.getStatusCode().is2xxSuccessful()).as(login.getBody()).isTrue();
    // The login renews the session; the CSRF token of the new session comes with the next page.
    String renewed = cookies(login).isEmpty() ? headers.getFirst(HttpHeaders.COOKIE) : cookies(login);
    HttpHeaders loggedIn = new HttpHeaders();
    loggedIn.add(HttpHeaders.COOKIE, renewed);
    ResponseEntity<String> app = rest.exchange("/camunda/app/tasklist/" + SecurityHttpTest.ENGINE + "/",
        HttpMethod.GET, new HttpEntity<>(loggedIn), String.class);
    HttpHeaders session = new HttpHeaders();
    session.add(HttpHeaders.COOKIE, cookies(app).isEmpty() ? renewed : renewed + "; " + cookies(app));
    session.add("X-XSRF-TOKEN", app.getHeaders().getFirst("X-XSRF-TOKEN"));
    return session;
  }

  private static String cookies(ResponseEntity<?> response) {
    return String.join("; ", response.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of()).stream()
        .map(c -> c.substring(0, c.indexOf(';'))).toList());
  }

  private ProcessInstance registerAndApprove(String cskv, String official) {
    ProcessInstance instance = register(cskv, residents(1));
    completeTask(instance, official, Map.of("reviewOutcome", "APPROVE_ALL"));
    assertThat(instance).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    return instance;
  }

  private void runJobs(ProcessInstance instance) {
    for (int i = 0; i < 20; i++) {
      List<Job> jobs = managementService.createJobQuery().rootProcessInstanceId(instance.getId()).executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  private long applicationId(ProcessInstance instance) {
    return applications.findByProcessInstance(instance.getId()).orElseThrow().id();
  }

  private String taskId(ProcessInstance instance) {
    return openTask(instance).getId();
  }

  private void assertRefused(ResponseEntity<String> response, String variable) throws Exception {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
    JsonNode body = json.readTree(response.getBody());
    String message = body.get("message").asText();
    assertThat(message).as("Vietnamese message alone").doesNotContain("Cannot ", "definition", ":1:")
        .contains("Không");
    if (variable != null) {
      assertThat(message).contains(variable);
    }
  }

  private static Map<String, Object> typed(Object value, String type) {
    return Map.of("value", value, "type", type);
  }

  private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    HttpEntity<String> entity = new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers);
    return rest.withBasicAuth(user, user.equals("demo") ? "demo" : "test-password").exchange(path, method, entity,
        String.class);
  }
}
