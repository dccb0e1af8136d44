package vn.giaydiduong.organization;

import com.icegreen.greenmail.util.GreenMail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import vn.giaydiduong.organization.MailIntake.ImapEndpoint;
import vn.giaydiduong.organization.OrganizationProperties.Mailbox;

/**
 * Mail intake runs where it is enabled. With the embedded mail server (demo run, tests), the configured ward
 * mailboxes are created on it, so organizations' mail to them is received and served over IMAP locally.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "giaydiduong.organization.mail-intake.enabled", havingValue = "true")
public class MailIntakeConfiguration {

  @Bean
  public ImapEndpoint imapEndpoint(OrganizationProperties properties, ObjectProvider<GreenMail> embedded) {
    GreenMail greenMail = embedded.getIfAvailable();
    if (greenMail == null) {
      var intake = properties.mailIntake();
      return new ImapEndpoint(intake.host(), intake.port(), intake.ssl());
    }
    for (Mailbox mailbox : properties.mailIntake().mailboxes()) {
      greenMail.setUser(mailbox.address(), mailbox.address(), mailbox.password());
    }
    return new ImapEndpoint("127.0.0.1", greenMail.getImap().getPort(), false);
  }

  @Bean
  public MailIntake mailIntake(ImapEndpoint endpoint, OrganizationProperties properties, StaffListIntake intake) {
    return new MailIntake(endpoint, properties, intake);
  }

  /** Health component {@code mailIntake} and its gauge: see docs/operations.md ("Faults"). */
  @Bean
  public MailIntakeHealthIndicator mailIntakeHealthIndicator(MailIntake mailIntake) {
    return new MailIntakeHealthIndicator(mailIntake);
  }
}
