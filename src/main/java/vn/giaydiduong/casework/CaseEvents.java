package vn.giaydiduong.casework;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.giaydiduong.pass.ApplicationStore.Application;

/**
 * One log line per business event of a case (registered, decided, returned, stamped, delivered, revoked), with
 * the case's reference, ward and the acting user as key-value pairs, so that JSON logs
 * ({@code logging.structured.format.console=ecs}) carry them as fields. No personal data beyond the reference:
 * counts, never names or ID numbers.
 */
@Component
public class CaseEvents {

  private static final Logger log = LoggerFactory.getLogger("vn.giaydiduong.events");

  /** {@code by} is the acting user, or null when the system acts (the job executor). */
  public void record(String event, Application application, String by, String details) {
    log.atInfo().addKeyValue("event", event).addKeyValue("reference", ProcessVariables.reference(application.id()))
        .addKeyValue("kind", application.kind().name()).addKeyValue("ward", application.wardCode())
        .addKeyValue("user", by == null ? "system" : by)
        .log("Case {} {}: ward {}, by {}{}", ProcessVariables.reference(application.id()), event,
            application.wardCode(), by == null ? "the system" : by, details == null ? "" : ", " + details);
  }

  /** A revocation concerns one pass, not a case. */
  public void recordRevocation(String passNumber, String wardCode, String by) {
    log.atInfo().addKeyValue("event", "revoked").addKeyValue("pass", passNumber).addKeyValue("ward", wardCode)
        .addKeyValue("user", by).log("Pass {} revoked: ward {}, by {}", passNumber, wardCode, by);
  }
}
