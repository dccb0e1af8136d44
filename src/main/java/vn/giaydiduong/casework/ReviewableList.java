package vn.giaydiduong.casework;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.ApplicationStore.Application;

/**
 * The entries of a case that the ward official decides one by one, numbered by their position on the list:
 * people (individual and organization passes) or households (market cards). One review and one return to review
 * serve every kind through it.
 */
public interface ReviewableList {

  /** Whether this list holds the entries of cases of {@code kind}. */
  boolean holds(PassKind kind);

  Set<Integer> pendingPositions(long applicationId);

  /** Rejects the given positions with their reasons and approves every other pending entry. */
  void decide(long applicationId, Map<Integer, String> rejected, String decidedBy);

  int approvedCount(long applicationId);

  /** After the ward police return the list: the approved entries wait for a new decision. */
  void reopenApproved(long applicationId);

  /** The pending entries as the review form shows them. */
  void showForReview(VariableScope scope, Application application);

  /** The rejected entries as the CSKV's form shows them. */
  void showRejected(VariableScope scope, long applicationId);
}
