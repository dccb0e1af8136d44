package vn.giaydiduong.market;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.FormViews;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.casework.ReviewableList;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.ApplicationStore.Application;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.Household;
import vn.giaydiduong.pass.HouseholdStore;

/**
 * Households on a market-card list. What the ward official sees when the list comes (back) for review: the
 * pending households, each with a warning when the household already holds a valid card, checked at that moment.
 */
@Component
public class HouseholdList implements ReviewableList {

  private final HouseholdStore households;
  private final FormViews views;

  public HouseholdList(HouseholdStore households, FormViews views) {
    this.households = households;
    this.views = views;
  }

  @Override
  public boolean holds(PassKind kind) {
    return kind == PassKind.MARKET_CARD;
  }

  @Override
  public Set<Integer> pendingPositions(long applicationId) {
    return households.households(applicationId, Decision.PENDING).stream().map(Household::position)
        .collect(Collectors.toSet());
  }

  @Override
  public void decide(long applicationId, Map<Integer, String> rejected, String decidedBy) {
    households.decide(applicationId, rejected, decidedBy);
  }

  @Override
  public int approvedCount(long applicationId) {
    return households.households(applicationId, Decision.APPROVED).size();
  }

  @Override
  public void reopenApproved(long applicationId) {
    households.reopenApproved(applicationId);
  }

  @Override
  public void showForReview(VariableScope scope, Application application) {
    show(scope, application.id(), application.wardCode());
  }

  @Override
  public void showRejected(VariableScope scope, long applicationId) {
    views.showRejectedHouseholds(scope, households.households(applicationId, Decision.REJECTED));
  }

  void show(VariableScope scope, long applicationId, String wardCode) {
    List<Household> pending = households.households(applicationId, Decision.PENDING);
    Map<Integer, String> warnings = households.secondCardWarnings(applicationId, wardCode, Dates.today());
    views.showHouseholds(scope, pending, warnings);
    ProcessVariables.FLAGGED_COUNT.set(scope,
        (int) pending.stream().filter(h -> warnings.containsKey(h.position())).count());
  }
}
