package vn.giaydiduong.stamping;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.FormViews;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/**
 * When the stamp task or the delivery task is created: the passes in the ward's hands, those awaiting the stamp
 * (stamp task) or stamped and not yet delivered (delivery task).
 */
@Component("showPasses")
public class ShowPasses implements TaskListener {

  private final Cases cases;
  private final PassRegistry registry;
  private final FormViews views;

  public ShowPasses(Cases cases, PassRegistry registry, FormViews views) {
    this.cases = cases;
    this.registry = registry;
    this.views = views;
  }

  @Override
  public void notify(DelegateTask task) {
    long applicationId = cases.idOf(task.getExecution());
    var passes = new ArrayList<Pass>(registry.passes(applicationId, PassStatus.AWAITING_STAMP));
    passes.addAll(registry.passes(applicationId, PassStatus.ISSUED));
    views.showPasses(task.getExecution(), passes);
  }
}
