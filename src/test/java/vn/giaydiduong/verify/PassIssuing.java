package vn.giaydiduong.verify;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.testing.ProcessTestSupport;

/** Issues real passes through the individual-pass process, as a demo ward's officials (Trúc Bạch by default) would. */
abstract class PassIssuing extends ProcessTestSupport {

  private static int nextIdNumber = 500;

  @Autowired protected PassRegistry registry;

  /** One stamped pass for a person of Trúc Bạch, valid from {@code from} to {@code until}. */
  protected Pass issuePass(String name, LocalDate from, LocalDate until) {
    return issuePass("trucbach", name, from, until);
  }

  /** One stamped pass for a person of the demo ward whose users end in {@code ward} (e.g. "phucxa"). */
  protected Pass issuePass(String ward, String name, LocalDate from, LocalDate until) {
    Map<String, Object> person = resident(name, "1985-03-01", "001085%06d".formatted(nextIdNumber++), null);
    person.put("validFrom", from.toString());
    person.put("validUntil", until.toString());
    ProcessInstance instance = register("cskv." + ward, List.of(person));
    completeTask(instance, "canbo." + ward, Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    completeTask(instance, "congan." + ward, Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    execute(caseJob(instance)); // sign (in the stamp-and-sign instance the case called)
    long applicationId = ((Number) runtimeService.getVariable(instance.getId(), ProcessVariables.APPLICATION_ID.name()))
        .longValue();
    return registry.passes(applicationId, PassStatus.ISSUED).get(0);
  }
}
