package vn.giaydiduong.market;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.FormViews;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.Household;
import vn.giaydiduong.pass.HouseholdStore;

/**
 * What the ward official sees when a household list comes (back) for review: the pending households, each with
 * a warning when the household already holds a valid card, checked at that moment.
 */
@Component
public class HouseholdReview {

  private final HouseholdStore households;
  private final FormViews views;

  public HouseholdReview(HouseholdStore households, FormViews views) {
    this.households = households;
    this.views = views;
  }

  public void show(VariableScope scope, long applicationId, String wardCode) {
    List<Household> pending = households.households(applicationId, Decision.PENDING);
    Map<Integer, String> warnings = households.secondCardWarnings(applicationId, wardCode, Dates.today());
    views.showHouseholds(scope, pending, warnings);
    scope.setVariable(ProcessVariables.FLAGGED_COUNT,
        (int) pending.stream().filter(h -> warnings.containsKey(h.position())).count());
  }
}
