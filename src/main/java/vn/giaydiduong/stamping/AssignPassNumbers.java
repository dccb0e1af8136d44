package vn.giaydiduong.stamping;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/** Numbers a pass for every approved person; the passes then wait for the ward police's stamp. */
@Component("assignPassNumbers")
public class AssignPassNumbers implements JavaDelegate {

  private final ApplicationStore applications;
  private final PassRegistry registry;

  private final Cases cases;

  public AssignPassNumbers(Cases cases, ApplicationStore applications, PassRegistry registry) {
    this.cases = cases;
    this.applications = applications;
    this.registry = registry;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long applicationId = cases.idOf(execution);
    registry.number(applications.get(applicationId), applications.applicants(applicationId, Decision.APPROVED));
    var awaiting = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    ProcessVariables.PASS_COUNT.set(execution, awaiting.size());
  }
}
