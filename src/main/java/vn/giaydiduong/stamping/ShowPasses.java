package vn.giaydiduong.stamping;

import java.util.ArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.FormViews;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.Household;
import vn.giaydiduong.pass.HouseholdStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/**
 * When the stamp task or a delivery task is created: the passes or market cards in the ward's hands, those
 * awaiting the stamp (stamp task) or stamped and not yet delivered (delivery task). Passes or cards by the case's
 * kind in the registry, so that one stamp model serves every procedure.
 */
@Component("showPasses")
public class ShowPasses implements TaskListener {

  private final Cases cases;
  private final PassRegistry registry;
  private final HouseholdStore households;
  private final FormViews views;

  public ShowPasses(Cases cases, PassRegistry registry, HouseholdStore households, FormViews views) {
    this.cases = cases;
    this.registry = registry;
    this.households = households;
    this.views = views;
  }

  @Override
  public void notify(DelegateTask task) {
    var application = cases.of(task.getExecution());
    var passes = new ArrayList<Pass>(registry.passes(application.id(), PassStatus.AWAITING_STAMP));
    passes.addAll(registry.passes(application.id(), PassStatus.ISSUED));
    if (application.kind() == PassKind.MARKET_CARD) {
      views.showCards(task.getExecution(), passes, households.households(application.id()).stream()
          .collect(Collectors.toMap(Household::id, Function.identity())));
    } else {
      views.showPasses(task.getExecution(), passes);
    }
  }
}
