package vn.giaydiduong.operations;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine queries with no authenticated user, so counts cover the whole city: with a user set on the thread
 * (a filter of another path, a leaked authentication) Camunda would count only what that user may read.
 */
final class WithoutEngineUser {

  private WithoutEngineUser() {
  }

  static <T> T call(IdentityService identityService, Supplier<T> query) {
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
