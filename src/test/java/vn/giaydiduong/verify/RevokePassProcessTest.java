package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.testing.ProcessCoverage;

/** {@code revoke-pass} as Tasklist starts it, with the real delegate and database. */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessCoverage.CompleteBesidesIndividualPasses.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class RevokePassProcessTest extends PassIssuing {

  @Autowired PassVerifier verifier;

  @Test
  void wardPoliceRevokeAPass_itVerifiesAsRevokedAndTheHistoryKeepsWhoAndWhy() {
    Pass pass = issuePass("Nguyễn Thị Thu", Dates.today(), Dates.today().plusDays(3));

    ProcessInstance instance = start("congan.trucbach", " " + pass.passNumber() + " ",
        "Người được cấp đang bị cách ly");

    assertThat(instance).isEnded().hasPassed("Task_RevokePass", "EndEvent_PassRevoked");
    var history = processEngine.getHistoryService();
    var historic = history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(historic.getBusinessKey()).isEqualTo(pass.passNumber());
    // Who revoked is the authenticated user, recorded by the engine; no variable can claim it.
    assertThat(historic.getStartUserId()).isEqualTo("congan.trucbach");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list())
        .extracting(v -> v.getName() + "=" + v.getValue())
        .contains("wardCode=" + TRUC_BACH,
            "revocationReason=Người được cấp đang bị cách ly");
    assertThat(registry.find(pass.passNumber()).orElseThrow().status()).isEqualTo(PassStatus.REVOKED);
    assertThat(verifier.verify(pass.qrText()).status()).isEqualTo(VerificationStatus.REVOKED);
  }

  @Test
  void refusedRevocations_revokeNothingAndLeaveNoInstance() {
    Pass pass = issuePass("Trần Văn Giữ", Dates.today(), Dates.today().plusDays(3));
    long before = runtimeService.createProcessInstanceQuery().count()
        + processEngine.getHistoryService().createHistoricProcessInstanceQuery().count();

    assertThatThrownBy(() -> start("canbo.phucxa", pass.passNumber(), "Không còn nhu cầu đi lại"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("phường của bạn cấp");
    assertThatThrownBy(() -> start("canbo.trucbach", pass.passNumber(), "x"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("5–500 ký tự");
    assertThatThrownBy(() -> start("canbo.trucbach", "00004-999999", "Không còn nhu cầu đi lại"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Không tìm thấy giấy số \"00004-999999\"");
    assertThatThrownBy(() -> start("cskv.trucbach", pass.passNumber(), "Không còn nhu cầu đi lại"))
        .isInstanceOf(AuthorizationException.class);

    assertThat(registry.find(pass.passNumber()).orElseThrow().status()).isEqualTo(PassStatus.ISSUED);
    assertThat(runtimeService.createProcessInstanceQuery().count()
        + processEngine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aPassNotYetStamped_cannotBeRevoked() {
    var person = resident("Lê Văn Chờ", "1985-03-01", "001085000777", null);
    ProcessInstance registration = register("cskv.trucbach", java.util.List.of(person));
    completeTask(registration, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    long applicationId = ((Number) runtimeService.getVariable(registration.getId(),
        ProcessVariables.APPLICATION_ID.name()))
        .longValue();
    String number = registry.passes(applicationId, PassStatus.AWAITING_STAMP).get(0).passNumber();

    assertThatThrownBy(() -> start("congan.trucbach", number, "Không còn nhu cầu đi lại"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("chưa được đóng dấu");
    assertThat(registry.find(number).orElseThrow().status()).isEqualTo(PassStatus.AWAITING_STAMP);
  }

  private ProcessInstance start(String userId, String passNumber, String reason) {
    actAs(userId);
    try {
      return runtimeService.startProcessInstanceByKey("revoke-pass", Map.of(ProcessVariables.PASS_NUMBER.name(),
          passNumber, ProcessVariables.REVOCATION_REASON.name(), reason));
    } finally {
      identityService.clearAuthentication();
    }
  }
}
