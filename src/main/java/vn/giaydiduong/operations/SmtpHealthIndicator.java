package vn.giaydiduong.operations;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Whether the SMTP server accepts a connection (and the login, when one is configured). Replaces Spring Boot's
 * mail health indicator (same bean name): that one uses the sender's own timeouts, 10 s to connect and 20 s to
 * read (application.yml, sized for sending), which would make a probe hang; this one uses
 * {@code giaydiduong.operations.mail-check-timeout} and reuses its answer for {@code mail-check-cache-ttl}, so
 * public probes cannot make us open SMTP connections at their rate.
 */
@Component("mailHealthIndicator")
public class SmtpHealthIndicator implements HealthIndicator {

  private final ObjectProvider<JavaMailSender> senders;
  private final OperationsProperties properties;
  private final Cached<Health> result;

  public SmtpHealthIndicator(ObjectProvider<JavaMailSender> senders, OperationsProperties properties) {
    this.senders = senders;
    this.properties = properties;
    this.result = new Cached<>(this::check, properties.mailCheckCacheTtl(), Clock.systemUTC());
  }

  @Override
  public Health health() {
    return result.get();
  }

  private Health check() {
    if (!(senders.getIfAvailable() instanceof JavaMailSenderImpl sender) || sender.getHost() == null) {
      return Health.unknown().withDetail("reason", "no SMTP server configured").build();
    }
    String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
    Properties javaMail = new Properties();
    javaMail.putAll(sender.getJavaMailProperties());
    String timeout = Long.toString(properties.mailCheckTimeout().toMillis());
    for (String key : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
      javaMail.setProperty("mail." + protocol + "." + key, timeout);
    }
    // As JavaMailSenderImpl.connectTransport: an empty user means no login.
    String user = "".equals(sender.getUsername()) ? null : sender.getUsername();
    String password = user == null && "".equals(sender.getPassword()) ? null : sender.getPassword();
    Health.Builder builder;
    try (Transport transport = Session.getInstance(javaMail).getTransport(protocol)) {
      transport.connect(sender.getHost(), sender.getPort(), user, password);
      builder = Health.up();
    } catch (MessagingException | RuntimeException e) {
      builder = Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return builder.withDetail("location", sender.getHost() + ":" + sender.getPort()).build();
  }
}
