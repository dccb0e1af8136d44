package vn.giaydiduong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Two officials of one ward complete the same review at the same moment: one wins, the other is told in
 * Vietnamese (409) that someone else was first, and the list is decided once.
 */
@SecurityHttpTest
class TwoOfficialsAtOnceTest extends ProcessTestSupport {

  private static final String REST = SecurityHttpTest.REST;
  private static final String SECOND_OFFICIAL = "canbo2.trucbach";

  @Autowired TestRestTemplate rest;
  @Autowired ApplicationStore applications;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void oneWins_theOtherIsToldSomeoneWasFirst_andTheListIsDecidedOnce() throws Exception {
    secondOfficialOfTrucBach();
    // Several rounds: the loser meets the optimistic lock, a task or case that has moved on, or grants gone.
    for (int round = 0; round < 20; round++) {
      ProcessInstance instance = register("cskv.trucbach", residents(2));
      String taskId = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
      String body = json.writeValueAsString(java.util.Map.of("variables", java.util.Map.of(
          ProcessVariables.REVIEW_OUTCOME.name(), java.util.Map.of("value", "APPROVE_ALL", "type", "String"))));

      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<ResponseEntity<String>> answers = new ArrayList<>();
      try {
        List<Callable<ResponseEntity<String>>> officials = new ArrayList<>();
        for (String user : List.of("canbo.trucbach", SECOND_OFFICIAL)) {
          officials.add(() -> {
            together.await();
            return complete(user, taskId, body);
          });
        }
        for (Future<ResponseEntity<String>> answer : pool.invokeAll(officials)) {
          answers.add(answer.get());
        }
      } finally {
        pool.shutdown();
      }

      assertThat(answers).as(answers.toString()).extracting(a -> a.getStatusCode().value())
          .containsExactlyInAnyOrder(204, 409);
      String loser = answers.stream().filter(a -> a.getStatusCode().value() == 409).findFirst().orElseThrow()
          .getBody();
      // Caught by the engine's optimistic lock, or found gone when the winner had already committed: 409 either way.
      assertThat(json.readTree(loser).get("message").asText()).contains("người khác", "tải lại danh sách công việc")
          .doesNotContain("ENGINE-", "Cannot");
      assertThat(instance).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
      long applicationId = applications.findByProcessInstance(instance.getId()).orElseThrow().id();
      assertThat(applications.applicants(applicationId, Decision.APPROVED)).hasSize(2);
    }
  }

  private ResponseEntity<String> complete(String user, String taskId, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, "test-password").postForEntity(REST + "/task/" + taskId + "/complete",
        new HttpEntity<>(body, headers), String.class);
  }

  private void secondOfficialOfTrucBach() {
    if (identityService.createUserQuery().userId(SECOND_OFFICIAL).count() > 0) {
      return;
    }
    User user = identityService.newUser(SECOND_OFFICIAL);
    user.setFirstName("Cán bộ");
    user.setLastName("Thứ hai");
    user.setPassword("test-password");
    identityService.saveUser(user);
    identityService.createMembership(SECOND_OFFICIAL, "officials");
    identityService.createMembership(SECOND_OFFICIAL, "officials-" + TRUC_BACH);
  }
}
