package vn.giaydiduong.market;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.HouseholdStore;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.rules.MarketDayRules;

/**
 * Numbers a market card for every approved household; the market-day rules (DMN) decide each card's days, hours
 * and validity from the ward's zone today and the card's number group. The cards then wait for the police stamp.
 */
@Component("assignMarketCards")
public class AssignMarketCards implements JavaDelegate {

  private final ApplicationStore applications;
  private final HouseholdStore households;
  private final PassRegistry registry;
  private final MarketDayRules rules;

  private final Cases cases;

  public AssignMarketCards(Cases cases, ApplicationStore applications, HouseholdStore households, PassRegistry registry,
      MarketDayRules rules) {
    this.cases = cases;
    this.applications = applications;
    this.households = households;
    this.registry = registry;
    this.rules = rules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long applicationId = cases.idOf(execution);
    registry.numberCards(applications.get(applicationId), households.households(applicationId, Decision.APPROVED),
        Dates.today(), rules::decide);
    var awaiting = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    ProcessVariables.PASS_COUNT.set(execution, awaiting.size());
  }
}
