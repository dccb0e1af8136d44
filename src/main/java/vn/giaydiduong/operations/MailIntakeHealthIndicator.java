package vn.giaydiduong.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import vn.giaydiduong.organization.MailIntake;
import vn.giaydiduong.organization.MailIntake.MailboxState;

/**
 * Whether the ward mailboxes were polled at their last try (health component {@code mailIntake}, and the gauge
 * {@code giaydiduong_mail_intake_failing_mailboxes}): DOWN, with each failing mailbox, since when and why, while
 * the IMAP server is unreachable or a mailbox refuses its login. From the poller's memory, so a probe opens no
 * IMAP connection. Not part of readiness: checkpoints and officials are served while organizations' mail waits.
 */
@Component("mailIntakeHealthIndicator")
public class MailIntakeHealthIndicator implements HealthIndicator, MeterBinder {

  private final ObjectProvider<MailIntake> intake;

  public MailIntakeHealthIndicator(ObjectProvider<MailIntake> intake) {
    this.intake = intake;
  }

  @Override
  public Health health() {
    MailIntake poller = intake.getIfAvailable();
    if (poller == null) {
      return Health.unknown().withDetail("reason", "mail intake disabled").build();
    }
    List<MailboxState> states = poller.states();
    Map<String, Object> failing = new LinkedHashMap<>();
    for (MailboxState state : states) {
      if (state.failing()) {
        failing.put(state.address(), Map.of("failingSince", state.failingSince().toString(),
            "failedPolls", state.failures(), "error", state.lastError()));
      }
    }
    return (failing.isEmpty() ? Health.up() : Health.down().withDetail("failing", failing))
        .withDetail("mailboxes", states.size()).build();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("giaydiduong.mail.intake.failing.mailboxes", this, MailIntakeHealthIndicator::failingMailboxes)
        .description("Ward mailboxes whose last IMAP poll failed").register(registry);
  }

  private double failingMailboxes() {
    MailIntake poller = intake.getIfAvailable();
    return poller == null ? 0 : poller.states().stream().filter(MailboxState::failing).count();
  }
}
