package vn.giaydiduong.organization;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import vn.giaydiduong.organization.OrganizationProperties.Mailbox;
import vn.giaydiduong.organization.StaffListSubmissions.IncomingFile;

/**
 * Polls the ward mailboxes over IMAP for organizations' staff lists. Anyone can write to a ward mailbox, so each
 * mail is boxed before its body is read: over the mailbox's or the sender's daily quota it is only counted; over
 * the size limit (RFC822.SIZE) it is refused from its structure (names and sizes of the attachments), never
 * downloaded; its download is bounded in time, and so is the poll of each mailbox, so one large or slow mail
 * does not hold the intake of the other wards. One mailbox that fails (wrong password, a connection cut) is logged
 * and the next one polled; a server that refuses the connection or does not answer within the timeouts (10 s to
 * connect, then the read timeout) ends the round, since every mailbox is on it: one WARN line, and the mail waits,
 * unseen, for the next poll. Each mailbox's last outcome is kept for operators ({@link #states()}).
 *
 * <p>Mail is never deleted. A mail is flagged \Seen only once it was stored, refused with a record, or counted
 * over a quota; one whose processing failed otherwise (e.g. the database was down) stays unseen and is tried
 * again at the next poll. One processed already is recognised by its Message-ID and skipped.
 */
public class MailIntake {

  /** Where the ward mailboxes are served: the city's mail provider, or the embedded server in demo and tests. */
  public record ImapEndpoint(String host, int port, boolean ssl) {
  }

  private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
  /** Nested multiparts deeper than this are not a mail client's doing. */
  private static final int MAX_DEPTH = 8;

  private final ImapEndpoint endpoint;
  private final List<Mailbox> mailboxes;
  private final StaffListIntake intake;
  private final long maxBytes;
  private final int maxAttachments;
  private final Duration messageTimeout;
  private final Duration mailboxTimeout;
  private final Map<String, MailboxState> states = new ConcurrentHashMap<>();

  public MailIntake(ImapEndpoint endpoint, OrganizationProperties properties, StaffListIntake intake) {
    this.endpoint = endpoint;
    this.mailboxes = properties.mailIntake().mailboxes();
    this.intake = intake;
    this.maxBytes = properties.uploadMaxBytes();
    this.maxAttachments = properties.mailIntake().maxAttachments();
    this.messageTimeout = properties.mailIntake().messageTimeout();
    this.mailboxTimeout = properties.mailIntake().mailboxTimeout();
  }

  /**
   * How the last poll of a mailbox went, for operators (health {@code mailIntake}, metrics): since when its polls
   * fail, how many in a row, and why the last one did. {@code lastSuccess} is null until a poll succeeds.
   */
  public record MailboxState(String address, Instant lastSuccess, Instant failingSince, int failures,
      String lastError) {

    public boolean failing() {
      return failures > 0;
    }
  }

  @Scheduled(fixedDelayString = "${giaydiduong.organization.mail-intake.poll-interval}",
      initialDelayString = "${giaydiduong.organization.mail-intake.poll-interval}")
  public void pollAll() {
    for (int i = 0; i < mailboxes.size(); i++) {
      Mailbox mailbox = mailboxes.get(i);
      try {
        poll(mailbox);
        succeeded(mailbox);
      } catch (ServerUnreachable e) {
        // Every mailbox is on this server: trying the others now would only add a timeout each.
        String error = e.getCause().toString();
        mailboxes.subList(i, mailboxes.size()).forEach(m -> failed(m, error));
        log.warn("IMAP server {}:{} unreachable, {} mailbox(es) left for the next poll: {}", endpoint.host(),
            endpoint.port(), mailboxes.size() - i, error);
        return;
      } catch (MessagingException | RuntimeException e) {
        // Expected failures of one mailbox (password, a connection cut): one line, no stack trace, on to the next.
        failed(mailbox, e.toString());
        log.warn("Could not poll mailbox {}: {}", mailbox.address(), e.toString());
      }
    }
  }

  /** The state of every configured mailbox, in the configured order. */
  public List<MailboxState> states() {
    return mailboxes.stream().map(m -> states.getOrDefault(m.address(),
        new MailboxState(m.address(), null, null, 0, null))).toList();
  }

  private void succeeded(Mailbox mailbox) {
    MailboxState before = states.put(mailbox.address(),
        new MailboxState(mailbox.address(), Instant.now(), null, 0, null));
    if (before != null && before.failing()) {
      log.info("Mailbox {} polled again after {} failed poll(s) since {}", mailbox.address(), before.failures(),
          before.failingSince());
    }
  }

  private void failed(Mailbox mailbox, String error) {
    states.compute(mailbox.address(), (address, before) -> before == null || !before.failing()
        ? new MailboxState(address, before == null ? null : before.lastSuccess(), Instant.now(), 1, error)
        : new MailboxState(address, before.lastSuccess(), before.failingSince(), before.failures() + 1, error));
  }

  /** Processes the unseen mail of one mailbox, within the mailbox time box; returns how many were processed. */
  public int poll(Mailbox mailbox) throws MessagingException {
    long pollDeadline = System.nanoTime() + mailboxTimeout.toNanos();
    String protocol = endpoint.ssl() ? "imaps" : "imap";
    Properties props = new Properties();
    long readTimeout = Math.min(messageTimeout.toMillis(), 60_000);
    props.put("mail." + protocol + ".connectiontimeout", "10000");
    props.put("mail." + protocol + ".timeout", String.valueOf(readTimeout));
    props.put("mail." + protocol + ".writetimeout", String.valueOf(readTimeout));
    // BODY.PEEK: fetching a body must not flag the mail \Seen; only a processed mail is (a mail cut by the poll
    // time box, or whose processing failed, would otherwise never be read again).
    props.put("mail." + protocol + ".peek", "true");
    Store store = Session.getInstance(props).getStore(protocol);
    try {
      store.connect(endpoint.host(), endpoint.port(), mailbox.address(), mailbox.password());
    } catch (AuthenticationFailedException e) {
      throw e; // this mailbox's password: the others may still be polled
    } catch (MessagingException e) {
      throw new ServerUnreachable(e); // refused, or no greeting within the timeouts
    }
    int processed = 0;
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      try {
        Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        // Headers, size and structure in one round trip; bodies are fetched only for mail within the limits.
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        inbox.fetch(unseen, profile);
        for (int i = 0; i < unseen.length; i++) {
          if (System.nanoTime() > pollDeadline) {
            log.warn("Mailbox {}: poll time box of {} used up, {} mails left for the next poll", mailbox.address(),
                mailboxTimeout, unseen.length - i);
            break;
          }
          Message message = unseen[i];
          try {
            process(mailbox, inbox, (MimeMessage) message, pollDeadline);
            message.setFlag(Flags.Flag.SEEN, true);
            processed++;
          } catch (PollTimeout e) {
            log.warn("Mailbox {}: poll time box of {} used up in mail {}, it and {} more left for the next poll",
                mailbox.address(), mailboxTimeout, message.getMessageNumber(), unseen.length - i - 1);
            break;
          } catch (FolderClosedException | StoreClosedException e) {
            throw e; // the connection is gone: the rest of this mailbox waits for the next poll
          } catch (MessagingException | RuntimeException e) {
            // E.g. the database is down: the mail stays unseen, the next one may still go through.
            log.warn("Mail {} in {} not processed, will be tried again: {}", message.getMessageNumber(),
                mailbox.address(), e.toString());
          }
        }
      } finally {
        if (inbox.isOpen()) {
          inbox.close(false); // never expunge
        }
      }
    } finally {
      store.close();
    }
    return processed;
  }

  private void process(Mailbox mailbox, Folder inbox, MimeMessage message, long pollDeadline)
      throws MessagingException {
    String messageId = messageId(inbox, message);
    String sender = null;
    String subject = null;
    try {
      Address[] from = message.getFrom();
      sender = from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a.getAddress() : null;
      subject = message.getSubject();
    } catch (MessagingException e) {
      log.info("Mail {} in {}: unreadable sender or subject: {}", messageId, mailbox.address(), e.toString());
    }
    if (intake.alreadyReceived(messageId)) {
      return;
    }
    long size = Math.max(message.getSize(), 0);
    var overQuota = intake.mailOverQuota(mailbox.address(), sender);
    if (overQuota.isPresent()) {
      intake.dropMail(mailbox.address(), sender, overQuota.get(), size, messageId);
      return;
    }
    var outcome = receive(mailbox, message, messageId, sender, subject, size, pollDeadline);
    if (outcome.isPresent()) {
      log.info("Mail {} from {} in {}: {} {}", messageId, sender, mailbox.address(), outcome.get().status(),
          outcome.get().reference() == null ? "" : outcome.get().reference());
    }
  }

  private java.util.Optional<StaffListIntake.Outcome> receive(Mailbox mailbox, MimeMessage message, String messageId,
      String sender, String subject, long size, long pollDeadline) throws MessagingException {
    List<Attachment> parts = new ArrayList<>();
    try {
      collectAttachments(message, parts, 0);
    } catch (MessagingException | IOException | RuntimeException e) {
      if (e instanceof FolderClosedException || e instanceof StoreClosedException) {
        throw (MessagingException) e;
      }
      return malformed(mailbox, messageId, sender, subject, e);
    }
    List<String> refusals = intake.structureProblems(parts.stream().map(Attachment::unread).toList(), size);
    if (!refusals.isEmpty()) {
      // Refused from the structure alone: names and sizes say why, nothing is downloaded.
      return intake.refuseMail(messageId, mailbox.address(), sender, subject, refusals,
          parts.stream().limit(maxAttachments).map(Attachment::unread).toList());
    }
    long messageDeadline = System.nanoTime() + messageTimeout.toNanos();
    List<IncomingFile> files = new ArrayList<>();
    long downloaded = 0;
    try {
      for (Attachment a : parts) {
        IncomingFile f = a.estimatedSize() > maxBytes || downloaded > maxBytes ? a.unread() : a.read(maxBytes,
            messageDeadline, pollDeadline);
        downloaded += f.size();
        files.add(f);
      }
    } catch (PollTimeout e) {
      throw e;
    } catch (MessageTimeout e) {
      log.warn("Mail {} from {} in {}: download not done within {}, refused", messageId, sender, mailbox.address(),
          messageTimeout);
      return intake.refuseMail(messageId, mailbox.address(), sender, subject, List.of("Thư tải về quá chậm (quá "
          + messageTimeout.toSeconds() + " giây) nên chưa được xử lý. Hãy gửi lại thư, nếu có thể với tệp nhỏ "
          + "hơn (nén ảnh chụp, gửi tài liệu dạng PDF)."), parts.stream().map(Attachment::unread).toList());
    } catch (MessagingException | IOException | RuntimeException e) {
      if (e instanceof FolderClosedException || e instanceof StoreClosedException) {
        throw (MessagingException) e;
      }
      return malformed(mailbox, messageId, sender, subject, e);
    }
    return intake.receiveMail(messageId, mailbox.address(), sender, subject, files);
  }

  /** A mail whose structure or encoding is broken: refused with a record, so it is not retried forever. */
  private java.util.Optional<StaffListIntake.Outcome> malformed(Mailbox mailbox, String messageId, String sender,
      String subject, Exception e) {
    log.warn("Mail {} from {} in {} is malformed, refused: {}", messageId, sender, mailbox.address(), e.toString());
    return intake.refuseMail(messageId, mailbox.address(), sender, subject, List.of("Thư bị lỗi định dạng (tệp đính "
        + "kèm hỏng hoặc mã hóa sai) nên không đọc được. Hãy gửi lại thư với tệp đính kèm bằng một chương trình "
        + "thư thông dụng."), List.of());
  }

  /**
   * The Message-ID, or for mail without one a stand-in from the IMAP UID (stable with UIDVALIDITY), so a repeat is
   * still recognised without downloading the mail.
   */
  private static String messageId(Folder inbox, MimeMessage message) throws MessagingException {
    String id = message.getMessageID();
    if (id != null && !id.isBlank()) {
      return id;
    }
    UIDFolder uids = (UIDFolder) inbox;
    return "<" + uids.getUID(message) + "." + uids.getUIDValidity() + "." + inbox.getStore().getURLName()
        .getUsername() + "@uid.giaydiduong>";
  }

  /** An attachment found in the mail's structure, not downloaded yet. */
  private record Attachment(Part part, String filename, String contentType, long estimatedSize) {

    IncomingFile unread() {
      return new IncomingFile(filename, contentType, estimatedSize, null);
    }

    /** Downloads at most {@code maxBytes + 1}, in the IMAP client's chunks, checking the deadline between them. */
    IncomingFile read(long maxBytes, long messageDeadline, long pollDeadline) throws MessagingException, IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = part.getInputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          long now = System.nanoTime();
          if (now > pollDeadline) {
            throw new PollTimeout(); // not this mail's fault: it waits, unseen, for the next poll
          }
          if (now > messageDeadline) {
            throw new MessageTimeout();
          }
          out.write(buffer, 0, n);
          if (out.size() > maxBytes) {
            return new IncomingFile(filename, contentType, out.size(), null);
          }
        }
      }
      return new IncomingFile(filename, contentType, out.size(), out.toByteArray());
    }
  }

  /** The IMAP server refused the connection or did not answer within the connect or read timeout. */
  private static final class ServerUnreachable extends RuntimeException {
    ServerUnreachable(MessagingException cause) {
      super(null, cause, false, false);
    }
  }

  private static final class MessageTimeout extends RuntimeException {
    MessageTimeout() {
      super(null, null, false, false);
    }
  }

  private static final class PollTimeout extends RuntimeException {
    PollTimeout() {
      super(null, null, false, false);
    }
  }

  /**
   * The attachments from the IMAP BODYSTRUCTURE, without their content; at most one more than allowed is listed.
   */
  private void collectAttachments(Part part, List<Attachment> files, int depth)
      throws MessagingException, IOException {
    if (files.size() > maxAttachments) {
      return;
    }
    if (part.isMimeType("multipart/*")) {
      if (depth >= MAX_DEPTH) {
        throw new MessagingException("multipart nested deeper than " + MAX_DEPTH);
      }
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collectAttachments(multipart.getBodyPart(i), files, depth + 1);
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
    long encoded = Math.max(part.getSize(), 0);
    files.add(new Attachment(part, filename, contentType, encoded * 57 / 78));
  }
}
