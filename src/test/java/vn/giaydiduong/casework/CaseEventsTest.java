package vn.giaydiduong.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.testing.ProcessTestSupport;

/** One log line per business event, with the case's reference, ward and user, and no personal data. */
@SpringBootTest
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class CaseEventsTest extends ProcessTestSupport {

  @Test
  void registeredAndDecided_areLoggedWithReferenceWardAndUser_withoutNamesOrIdNumbers(CapturedOutput output) {
    ProcessInstance instance = register("cskv.trucbach", residents(1));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    String reference = (String) runtimeService.getVariable(instance.getId(), ProcessVariables.REFERENCE.name());

    assertThat(output.getOut()).contains("Case " + reference + " registered: ward " + TRUC_BACH + ", by cskv.trucbach")
        .contains("Case " + reference + " decided: ward " + TRUC_BACH + ", by canbo.trucbach, rejected 0");
    String events = output.getOut().lines().filter(line -> line.contains("vn.giaydiduong.events"))
        .reduce("", String::concat);
    assertThat(events).doesNotContain("Nguyễn Thị Hằng", "001085000100");
  }
}
