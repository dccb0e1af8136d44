package vn.giaydiduong.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * A step that keeps failing ends as an incident a supervisor understands: the step's name, the likely cause and
 * what to do, in Vietnamese, before the technical message.
 */
@SpringBootTest
@ActiveProfiles("test")
class IncidentMessagesTest extends ProcessTestSupport {

  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;

  @Test
  void aStepThatKeepsFailing_isExplainedInVietnamese() {
    // A signing step outside any case: it fails every time, as a real step fails while its key store is broken.
    repositoryService.createDeployment().addModelInstance("incident-test.bpmn", Bpmn.createExecutableProcess(
        "incident-test").camundaHistoryTimeToLive(1).name("Thử sự cố").startEvent("StartEvent_1")
        .serviceTask("Task_SignTest").name("Ký số thử").camundaAsyncBefore().camundaDelegateExpression("${signPasses}")
        .endEvent("EndEvent_1").done()).deploy();
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident-test", Map.of());

    for (int attempt = 0; attempt < 5; attempt++) {
      Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
      if (job.getRetries() == 0) {
        break;
      }
      try {
        managementService.executeJob(job.getId());
      } catch (RuntimeException expected) {
        // each attempt fails; the engine counts the retries down
      }
    }

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(incident.getIncidentMessage())
        .startsWith("Bước «Ký số thử» không thực hiện được sau các lần hệ thống tự thử lại.")
        .contains("bấm «Retry»", "Chi tiết kỹ thuật: ", "No case recorded");
  }
}
