package vn.giaydiduong.stamping;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.FormViews;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/** When the ward police's stamp task is created: the numbered passes awaiting their stamp. */
@Component("showPassesToStamp")
public class ShowPassesToStamp implements TaskListener {

  private final Cases cases;
  private final PassRegistry registry;
  private final FormViews views;

  public ShowPassesToStamp(Cases cases, PassRegistry registry, FormViews views) {
    this.cases = cases;
    this.registry = registry;
    this.views = views;
  }

  @Override
  public void notify(DelegateTask task) {
    views.showPasses(task.getExecution(), registry.passes(cases.idOf(task.getExecution()),
        PassStatus.AWAITING_STAMP));
  }
}
