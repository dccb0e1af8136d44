package vn.giaydiduong.market;

import java.util.ArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.FormViews;
import vn.giaydiduong.pass.Household;
import vn.giaydiduong.pass.HouseholdStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/**
 * When the stamp task or a delivery task for market cards is created: the cards still in the ward's hands, those
 * awaiting the stamp (stamp task) or stamped and not yet delivered (delivery task).
 */
@Component("showMarketCards")
public class ShowMarketCards implements TaskListener {

  private final Cases cases;
  private final PassRegistry registry;
  private final HouseholdStore households;
  private final FormViews views;

  public ShowMarketCards(Cases cases, PassRegistry registry, HouseholdStore households, FormViews views) {
    this.cases = cases;
    this.registry = registry;
    this.households = households;
    this.views = views;
  }

  @Override
  public void notify(DelegateTask task) {
    long applicationId = cases.idOf(task.getExecution());
    var cards = new ArrayList<Pass>(registry.passes(applicationId, PassStatus.AWAITING_STAMP));
    cards.addAll(registry.passes(applicationId, PassStatus.ISSUED));
    views.showCards(task.getExecution(), cards, households.households(applicationId).stream()
        .collect(Collectors.toMap(Household::id, Function.identity())));
  }
}
