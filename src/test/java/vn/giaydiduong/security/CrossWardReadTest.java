package vn.giaydiduong.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import vn.giaydiduong.identity.DemoUsers;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Personal data of a ward's case, read by a user of another ward, through the real HTTP surface: the print
 * bundle, one pass, the organization's staff-list files, the task's form view, the case's variables and its
 * history. Each is refused (403, or nothing found), for every role of the other ward and for the analyst; the
 * case's own ward reads it.
 */
@SecurityHttpTest
class CrossWardReadTest extends ProcessTestSupport {

  private static final String REST = SecurityHttpTest.REST;

  private static final List<String> OTHER_WARD = List.of("cskv.phucxa", "canbo.phucxa", "congan.phucxa");

  @Autowired TestRestTemplate rest;
  @Autowired ApplicationStore applications;
  @Autowired PassRegistry registry;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void passesAndPrintBundlesOfAWard_areReadByThatWardOnly() {
    ProcessInstance instance = register("cskv.trucbach", residents(1));
    completeTask(instance, "canbo.trucbach", Map.of("reviewOutcome", "APPROVE_ALL"));
    completeTask(instance, "congan.trucbach", Map.of("stampDecision", "STAMP"));
    for (int i = 0; i < 10; i++) {
      managementService.createJobQuery().rootProcessInstanceId(instance.getId()).executable().list()
          .forEach(job -> managementService.executeJob(job.getId()));
    }
    long id = applications.findByProcessInstance(instance.getId()).orElseThrow().id();
    String passNumber = registry.passes(id, PassStatus.ISSUED).get(0).passNumber();
    String bundle = "/api/applications/" + id + "/passes.pdf";
    String pass = "/api/passes/" + passNumber + ".pdf";

    for (String path : List.of(bundle, pass)) {
      assertThat(get("cskv.trucbach", path).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
      for (String stranger : strangers()) {
        ResponseEntity<String> refused = get(stranger, path);
        assertThat(refused.getStatusCode()).as(stranger + " " + path).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).contains("không có quyền xem").doesNotContain("%PDF");
      }
    }
    // An unknown number answers like a foreign one: nobody learns which numbers exist in other wards.
    assertThat(get("canbo.phucxa", "/api/passes/00004-999999.pdf").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void staffListFilesOfAnOrganization_areReadByItsWardOnly() {
    ProcessInstance instance = register("cskv.trucbach", residents(1));
    long applicationId = applications.findByProcessInstance(instance.getId()).orElseThrow().id();
    var key = new GeneratedKeyHolder();
    jdbc.sql("insert into staff_list_submission (channel, application_id, status, received_at) "
        + "values ('UPLOAD', ?, 'ACCEPTED', ?)").params(applicationId, OffsetDateTime.now()).update(key, "id");
    long submission = key.getKey().longValue();
    jdbc.sql("insert into staff_list_file (submission_id, filename, content_type, size_bytes, staff_list, content) "
        + "values (?, 'danh-sach.csv', 'text/csv', 12, true, ?)").params(submission,
        "Họ tên;CCCD\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).update();
    long fileId = jdbc.sql("select id from staff_list_file where submission_id = ?").param(submission)
        .query(Long.class).single();
    String path = "/api/staff-list-files/" + fileId;

    assertThat(get("canbo.trucbach", path).getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String stranger : strangers()) {
      assertThat(get(stranger, path).getStatusCode()).as(stranger).isEqualTo(HttpStatus.FORBIDDEN);
    }
  }

  @Test
  void formViewsVariablesAndHistoryOfACase_areHiddenFromOtherWardsAndAnalysts() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", residents(2));
    String taskId = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    String[] paths = {REST + "/task/" + taskId + "/form-variables",
        REST + "/task/" + taskId + "/variables",
        REST + "/process-instance/" + instance.getId() + "/variables",
        REST + "/execution/" + instance.getId() + "/localVariables"};
    assertThat(get("canbo.trucbach", paths[0]).getStatusCode()).isEqualTo(HttpStatus.OK);
    // Tasklist's task cards show the case's variables to its own ward.
    assertThat(get("canbo.trucbach", paths[2]).getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String stranger : strangers()) {
      for (String path : paths) {
        assertThat(get(stranger, path).getStatusCode().value()).as(stranger + " " + path).isIn(403, 404);
      }
      for (String history : List.of(REST + "/history/variable-instance?processInstanceId=",
          REST + "/history/detail?processInstanceId=", REST + "/history/task?processInstanceId=",
          REST + "/history/process-instance?processInstanceId=")) {
        ResponseEntity<String> answer = get(stranger, history + instance.getId());
        if (answer.getStatusCode().is2xxSuccessful()) {
          JsonNode rows = json.readTree(answer.getBody());
          assertThat(rows).as(stranger + " " + history).isEmpty();
        } else {
          assertThat(answer.getStatusCode().value()).as(stranger + " " + history).isIn(403, 404);
        }
      }
    }
  }

  private static List<String> strangers() {
    return java.util.stream.Stream.concat(OTHER_WARD.stream(), java.util.stream.Stream.of(DemoUsers.ANALYST))
        .toList();
  }

  private ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, "test-password").getForEntity(path, String.class);
  }
}
