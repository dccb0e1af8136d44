package vn.giaydiduong.organization;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import vn.giaydiduong.organization.OrganizationProperties.Mailbox;
import vn.giaydiduong.organization.StaffListSubmissions.IncomingFile;

/**
 * Polls the ward mailboxes over IMAP for organizations' staff lists. Mail is never deleted: a processed mail is
 * flagged \Seen and stays in the mailbox (and in the database, with its attachments). A mail whose processing
 * failed (e.g. the database was down) stays unseen and is tried again at the next poll; one processed already is
 * recognised by its Message-ID and skipped, so polling twice processes nothing twice.
 */
public class MailIntake {

  /** Where the ward mailboxes are served: the city's mail provider, or the embedded server in demo and tests. */
  public record ImapEndpoint(String host, int port, boolean ssl) {
  }

  private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

  private final ImapEndpoint endpoint;
  private final List<Mailbox> mailboxes;
  private final StaffListIntake intake;
  private final long maxBytes;

  public MailIntake(ImapEndpoint endpoint, OrganizationProperties properties, StaffListIntake intake) {
    this.endpoint = endpoint;
    this.mailboxes = properties.mailIntake().mailboxes();
    this.intake = intake;
    this.maxBytes = properties.uploadMaxBytes();
  }

  @Scheduled(fixedDelayString = "${giaydiduong.organization.mail-intake.poll-interval}",
      initialDelayString = "${giaydiduong.organization.mail-intake.poll-interval}")
  public void pollAll() {
    for (Mailbox mailbox : mailboxes) {
      try {
        poll(mailbox);
      } catch (MessagingException | RuntimeException e) {
        log.warn("Could not poll mailbox {}: {}", mailbox.address(), e.toString());
      }
    }
  }

  /** Processes the unseen mail of one mailbox; returns how many mails were processed. */
  public int poll(Mailbox mailbox) throws MessagingException {
    String protocol = endpoint.ssl() ? "imaps" : "imap";
    Properties props = new Properties();
    props.put("mail." + protocol + ".connectiontimeout", "10000");
    props.put("mail." + protocol + ".timeout", "60000");
    Store store = Session.getInstance(props).getStore(protocol);
    store.connect(endpoint.host(), endpoint.port(), mailbox.address(), mailbox.password());
    int processed = 0;
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      try {
        for (Message message : inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
          try {
            process(mailbox, (MimeMessage) message);
            message.setFlag(Flags.Flag.SEEN, true);
            processed++;
          } catch (MessagingException | IOException | RuntimeException e) {
            log.warn("Mail {} in {} not processed, will be tried again: {}", message.getMessageNumber(),
                mailbox.address(), e.toString());
          }
        }
      } finally {
        inbox.close(false); // never expunge
      }
    } finally {
      store.close();
    }
    return processed;
  }

  private void process(Mailbox mailbox, MimeMessage message) throws MessagingException, IOException {
    String messageId = message.getMessageID() != null ? message.getMessageID() : contentId(message);
    Address[] from = message.getFrom();
    String sender = from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a.getAddress() : null;
    List<IncomingFile> files = new ArrayList<>();
    collectAttachments(message, files);
    intake.receiveMail(messageId, mailbox.address(), sender, message.getSubject(), files).ifPresent(outcome ->
        log.info("Mail {} from {} in {}: {} {}", messageId, sender, mailbox.address(), outcome.status(),
            outcome.reference() == null ? "" : outcome.reference()));
  }

  /** Attachments as sent; one larger than the limit is recorded by name and size but not downloaded. */
  private void collectAttachments(Part part, List<IncomingFile> files) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collectAttachments(multipart.getBodyPart(i), files);
      }
      return;
    }
    String filename = part.getFileName();
    if (filename == null && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return; // the text of the mail
    }
    filename = filename == null ? "tep-dinh-kem" : MimeUtility.decodeText(filename);
    String contentType = part.getContentType() == null ? null : part.getContentType().split(";")[0].strip();
    // IMAP reports the encoded size: base64 lines of 76 characters + CRLF carry 57 bytes.
    long encoded = part.getSize();
    if (encoded > maxBytes * 78 / 57 + 1024) {
      files.add(new IncomingFile(filename, contentType, encoded * 57 / 78, null));
      return;
    }
    try (InputStream in = part.getInputStream()) {
      byte[] content = in.readNBytes((int) maxBytes + 1);
      files.add(content.length > maxBytes ? new IncomingFile(filename, contentType, content.length, null)
          : new IncomingFile(filename, contentType, content.length, content));
    }
  }

  /** A stand-in Message-ID for mail without one: the hash of the whole mail, so a repeat is still recognised. */
  private static String contentId(MimeMessage message) throws MessagingException, IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    message.writeTo(raw);
    try {
      return "<" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()))
          + "@sha256.giaydiduong>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
