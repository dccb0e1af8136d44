package vn.giaydiduong.stamping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.casework.StampOutcome;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.testing.ProcessCoverage;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Every path of the shared stamp model {@code stamp-and-sign}, called by individual passes: its two ends and the
 * outcome the caller routes on, the variables it is given (and the form they choose), the ward's read grant on
 * the called instance, and the case found through the root instance, so that another ward is refused there too.
 * The procedures' own tests call it for market cards and organizations.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessCoverage.CompleteStampAndSign.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class StampAndSignProcessTest extends ProcessTestSupport {

  @Autowired ApplicationStore applications;
  @Autowired PassRegistry registry;
  @Autowired ManagementService managementService;
  @Autowired AuthorizationService authorizationService;
  @Autowired FormService formService;

  @Test
  void stamped_theCalledInstanceSignsAndPrints_andEndsSigned() {
    ProcessInstance instance = approved(2);
    assertThat(instance).isWaitingAt("Call_StampAndSign");
    ProcessInstance called = calledBy(instance);
    assertThat(instance).calledProcessInstance("stamp-and-sign").isWaitingAt("Task_StampPasses");
    assertThat(called.getBusinessKey()).isEqualTo(ProcessVariables.reference(applicationId(instance)));
    Task stamp = openTask(instance);
    assertThat(stamp).hasCandidateGroup("police-" + TRUC_BACH);
    assertThat(formService.getTaskFormData(stamp.getId()).getCamundaFormRef().getKey()).isEqualTo("stamp-passes");
    assertThat(runtimeService.getVariables(called.getId())).containsEntry(ProcessVariables.PASS_COUNT.name(), 2)
        .containsEntry(ProcessVariables.WARD_CODE.name(), TRUC_BACH)
        .containsKeys(ProcessVariables.PASSES.name(), ProcessVariables.REFERENCE.name(),
            ProcessVariables.WARD_NAME.name());
    // Tasklist shows the stamp task's variables to the ward's users, and to them only.
    List<Authorization> grants = authorizationService.createAuthorizationQuery()
        .resourceType(Resources.PROCESS_INSTANCE).resourceId(called.getId()).list();
    assertThat(grants).extracting(Authorization::getGroupId).containsExactlyInAnyOrder(
        Role.CSKV.groupOf(TRUC_BACH), Role.OFFICIAL.groupOf(TRUC_BACH), Role.POLICE.groupOf(TRUC_BACH));
    assertThat(grants).allSatisfy(g -> assertThat(g.isPermissionGranted(Permissions.READ)).isTrue());

    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    assertThat(instance).calledProcessInstance().isWaitingAt("Task_SignPasses");
    runJobs(instance);

    assertThat(called).isEnded().hasPassed("Task_SignPasses", "Task_RenderPassBundle", "EndEvent_SignedAndPrinted")
        .hasNotPassed("Task_EmailStampRefusals", "Task_ReturnToReview");
    assertThat(instance).isWaitingAt("Task_DeliverPasses").variables()
        .containsEntry(ProcessVariables.STAMP_OUTCOME.name(), StampOutcome.SIGNED.name())
        .containsEntry(ProcessVariables.STAMPED_BY.name(), "congan.trucbach");
    assertThat(registry.passes(applicationId(instance), PassStatus.ISSUED)).hasSize(2)
        .allSatisfy(p -> assertThat(p.stampedBy()).isEqualTo("congan.trucbach"));
  }

  @Test
  void stampedExceptOne_itsHolderIsToldBeforeTheRestAreSigned() throws Exception {
    ProcessInstance instance = approved(2);
    long applicationId = applicationId(instance);
    List<Pass> numbered = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP_EXCEPT",
        ProcessVariables.REFUSALS.name(), "2: Ảnh trên CCCD không khớp người đăng ký"));

    ProcessInstance called = calledBy(instance);
    assertThat(instance).calledProcessInstance().isWaitingAt("Task_EmailStampRefusals");
    runJobs(instance);
    assertThat(called).isEnded().hasPassed("Task_EmailStampRefusals", "EndEvent_SignedAndPrinted");
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString())
        .isEqualTo("nguoidan1@example.vn");
    assertThat(instance).isWaitingAt("Task_DeliverPasses");
    assertThat(registry.passes(applicationId, PassStatus.ISSUED)).extracting(Pass::passNumber)
        .containsExactly(numbered.get(0).passNumber());
  }

  @Test
  void returned_theCalledInstanceEndsReturned_andTheCallerReviewsAgainWithTheReason() {
    ProcessInstance instance = approved(1);
    ProcessInstance called = calledBy(instance);
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "RETURN",
        ProcessVariables.RETURN_REASON.name(), "Người đăng ký đang bị cách ly tại nhà"));

    assertThat(called).isEnded().hasPassed("Task_ReturnToReview", "EndEvent_ReturnedToReview")
        .hasNotPassed("Task_SignPasses");
    assertThat(instance).isWaitingAt("Task_ReviewList").variables()
        .containsEntry(ProcessVariables.STAMP_OUTCOME.name(), StampOutcome.RETURNED.name())
        .containsEntry(ProcessVariables.RETURN_REASON.name(), "Người đăng ký đang bị cách ly tại nhà");
    assertThat(registry.passes(applicationId(instance), PassStatus.AWAITING_STAMP)).isEmpty();
  }

  /**
   * The called instance has a process instance id of its own, for which no case is recorded: the check on
   * completion finds the case through the root instance, so a user of another ward who got hold of the task (here
   * assigned to them) is refused, and nothing moves.
   */
  @Test
  void anotherWardsUser_isRefusedOnTheCalledInstancesStampTask() {
    ProcessInstance instance = approved(1);
    Task stamp = openTask(instance);
    for (String outsider : List.of("congan.phucxa", "canbo.phucxa")) {
      taskService.setAssignee(stamp.getId(), outsider);
      actAs(outsider);
      try {
        assertThatThrownBy(() -> taskService.complete(stamp.getId(),
            Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP")))
            .hasRootCauseInstanceOf(AuthorizationException.class).hasMessageContaining("thuộc phường khác");
      } finally {
        identityService.clearAuthentication();
      }
    }
    assertThat(instance).calledProcessInstance().isWaitingAt("Task_StampPasses");
    assertThat(registry.passes(applicationId(instance), PassStatus.AWAITING_STAMP)).hasSize(1);
  }

  private ProcessInstance approved(int people) {
    ProcessInstance instance = register("cskv.trucbach", residents(people));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    return instance;
  }

  private ProcessInstance calledBy(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).singleResult();
  }

  /** Runs the case's due jobs, in its own instance and those it called, until none is left. */
  private void runJobs(ProcessInstance instance) {
    for (List<Job> jobs; !(jobs = managementService.createJobQuery().rootProcessInstanceId(instance.getId())
        .executable().list()).isEmpty(); ) {
      managementService.executeJob(jobs.get(0).getId());
    }
  }

  private long applicationId(ProcessInstance instance) {
    return applications.findByProcessInstance(instance.getId()).orElseThrow().id();
  }
}
