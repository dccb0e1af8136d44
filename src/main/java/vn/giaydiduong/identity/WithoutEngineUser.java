package vn.giaydiduong.identity;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls as the system, with no authenticated user, where the caller has already decided what the user
 * may see: city-wide counts (with a user set on the thread Camunda would count only what that user may read), a
 * ward's case history or tasks after the ward check, a rule table evaluated for a preview. The user is restored.
 */
public final class WithoutEngineUser {

  private WithoutEngineUser() {
  }

  public static <T> T call(IdentityService identityService, Supplier<T> query) {
    Authentication current = identityService.getCurrentAuthentication();
    if (current == null) {
      return query.get();
    }
    identityService.clearAuthentication();
    try {
      return query.get();
    } finally {
      identityService.setAuthentication(current);
    }
  }
}
