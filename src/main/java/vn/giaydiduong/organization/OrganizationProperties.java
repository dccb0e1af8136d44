package vn.giaydiduong.organization;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Organization passes: how long the process waits for the staff list (ISO 8601, e.g. P3D) before the reminder
 * and after it, the size limit of a list with its documents, the domain of the ward mailboxes
 * ({@code qrca.<district>.<ward><n>@<domain>}), the IMAP intake of those mailboxes and the quotas that keep
 * strangers from filling the database through the mailboxes and upload links (see docs/security.md, staff list intake).
 */
@ConfigurationProperties("giaydiduong.organization")
public record OrganizationProperties(String listReminderAfter, String listCloseAfter, long uploadMaxBytes,
    String mailboxDomain, MailIntake mailIntake, @DefaultValue Upload upload) {

  /**
   * Mailboxes polled over IMAP; each ward mailbox has its own password (a Gmail app password in 2021).
   * {@code messageTimeout} bounds the download of one mail, {@code mailboxTimeout} one poll of one mailbox (what is
   * left waits, unseen, for the next poll). Anyone can write to a ward mailbox: at most {@code senderDailyLimit}
   * mails of one sender address and {@code mailboxDailyLimit} mails of one mailbox are stored in 24 hours (the rest
   * is counted, not stored); a mail or upload of more than {@code maxAttachments} files is refused as a whole.
   */
  public record MailIntake(boolean enabled, Duration pollInterval, String host, int port, boolean ssl,
      List<Mailbox> mailboxes, @DefaultValue("PT1M") Duration messageTimeout,
      @DefaultValue("PT3M") Duration mailboxTimeout, @DefaultValue("20") int senderDailyLimit,
      @DefaultValue("500") int mailboxDailyLimit, @DefaultValue("20") int maxAttachments) {

    public MailIntake {
      mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
    }
  }

  public record Mailbox(String address, String password) {
  }

  /**
   * The secret upload link of one registration takes at most {@code dailyLimit} submissions in 24 hours and
   * {@code totalLimit} in all; it is dead once a list was accepted or the registration closed.
   */
  public record Upload(@DefaultValue("10") int dailyLimit, @DefaultValue("30") int totalLimit) {
  }

  /**
   * The largest mail (RFC822.SIZE) whose body is downloaded: the attachments' limit in base64 (76 characters +
   * CRLF carry 57 bytes) plus 1 MB of headers and text. A larger mail is refused from its structure alone.
   */
  public long maxMessageBytes() {
    return uploadMaxBytes * 78 / 57 + 1024 * 1024;
  }
}
