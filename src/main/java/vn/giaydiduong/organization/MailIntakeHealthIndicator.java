package vn.giaydiduong.organization;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import vn.giaydiduong.organization.MailIntake.MailboxState;

/**
 * Whether the ward mailboxes were polled at their last try (health component {@code mailIntake}, and the gauge
 * {@code giaydiduong_mail_intake_failing_mailboxes}): DOWN, with each failing mailbox, since when and why, while
 * the IMAP server is unreachable or a mailbox refuses its login. From the poller's memory, so a probe opens no
 * IMAP connection. Not part of readiness: checkpoints and officials are served while organizations' mail waits.
 */
public class MailIntakeHealthIndicator implements HealthIndicator, MeterBinder {

  private final MailIntake intake;

  public MailIntakeHealthIndicator(MailIntake intake) {
    this.intake = intake;
  }

  @Override
  public Health health() {
    List<MailboxState> states = intake.states();
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
    Gauge.builder("giaydiduong.mail.intake.failing.mailboxes", intake,
            i -> i.states().stream().filter(MailboxState::failing).count())
        .description("Ward mailboxes whose last IMAP poll failed").register(registry);
  }
}
