package vn.giaydiduong.organization;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Organization passes: how long the process waits for the staff list (ISO 8601, e.g. P3D) before the reminder
 * and after it, the size limit of a list with its documents, the domain of the ward mailboxes
 * ({@code qrca.<district>.<ward><n>@<domain>}) and the IMAP intake of those mailboxes.
 */
@ConfigurationProperties("giaydiduong.organization")
public record OrganizationProperties(String listReminderAfter, String listCloseAfter, long uploadMaxBytes,
    String mailboxDomain, MailIntake mailIntake) {

  /** Mailboxes polled over IMAP; each ward mailbox has its own password (a Gmail app password in 2021). */
  public record MailIntake(boolean enabled, Duration pollInterval, String host, int port, boolean ssl,
      List<Mailbox> mailboxes) {

    public MailIntake {
      mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
    }
  }

  public record Mailbox(String address, String password) {
  }
}
