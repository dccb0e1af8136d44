package vn.giaydiduong.organization;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.intake.FileTypes;
import vn.giaydiduong.intake.StaffListParser;
import vn.giaydiduong.intake.StaffMember;
import vn.giaydiduong.mail.Mailer;
import vn.giaydiduong.organization.StaffListSubmissions.Channel;
import vn.giaydiduong.organization.StaffListSubmissions.DropReason;
import vn.giaydiduong.organization.StaffListSubmissions.IncomingFile;
import vn.giaydiduong.organization.StaffListSubmissions.Status;
import vn.giaydiduong.pass.ApplicationStore;

/**
 * Receives a staff list, by mail or upload alike: finds the registration, checks the files and the list, keeps
 * an accepted list with its documents (of anything else a bounded record, see {@link StaffListSubmissions}),
 * and hands an acceptable list to the waiting process instance (message
 * {@value #MESSAGE}, correlated by the reference). Whatever is wrong is answered in Vietnamese, naming the file,
 * row and column; a refused list leaves the process waiting for a corrected one.
 */
@Service
public class StaffListIntake {

  public static final String MESSAGE = "StaffListReceived";
  private static final Pattern REFERENCE = Pattern.compile("HS[-\\s]?(\\d{6})", Pattern.CASE_INSENSITIVE);
  /** Control and invisible format characters (right-to-left overrides, line breaks). */
  private static final Pattern HIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}]+");
  private static final Logger log = LoggerFactory.getLogger(StaffListIntake.class);

  /** What came of a submission; {@code reference} is null when it matched no registration. */
  public record Outcome(Status status, String reference, int rowCount, List<String> problems) {
  }

  public static final int UNMATCHED_REPLIES_PER_DAY = 3;
  private static final Pattern AUTOMATIC_SENDER = Pattern.compile(
      "^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|khong-tra-loi)[@+.-]", Pattern.CASE_INSENSITIVE);

  private final StaffListSubmissions submissions;
  private final OrganizationStore organizations;
  private final ApplicationStore applications;
  private final StaffListParser parser;
  private final RuntimeService runtimeService;
  private final Mailer mailer;
  private final OrganizationProperties properties;
  private final TransactionTemplate transaction;

  public StaffListIntake(StaffListSubmissions submissions, OrganizationStore organizations,
      ApplicationStore applications, StaffListParser parser, RuntimeService runtimeService, Mailer mailer,
      OrganizationProperties properties, PlatformTransactionManager transactions) {
    this.submissions = submissions;
    this.organizations = organizations;
    this.applications = applications;
    this.parser = parser;
    this.runtimeService = runtimeService;
    this.mailer = mailer;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** The registration a mail subject names by its reference (HS-000012), if it is an organization's. */
  public Optional<Long> registrationIn(String subject) {
    Matcher m = REFERENCE.matcher(subject == null ? "" : subject);
    while (m.find()) {
      long id = Long.parseLong(m.group(1));
      if (applications.find(id).filter(a -> a.kind() == PassKind.ORGANIZATION).isPresent()) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** Whether the registration's process waits for its staff list now. */
  public boolean isWaitingForList(long applicationId) {
    return runtimeService.createExecutionQuery()
        .processInstanceBusinessKey(ProcessVariables.reference(applicationId))
        .messageEventSubscriptionName(MESSAGE).count() > 0;
  }

  /**
   * Why a mail from {@code sender} to {@code mailbox} is not even stored, if it is over a quota: the mailbox's
   * first (a flood from many forged senders), then the sender's. Checked before its body is downloaded.
   */
  public Optional<DropReason> mailOverQuota(String mailbox, String sender) {
    var limits = properties.mailIntake();
    OffsetDateTime dayAgo = OffsetDateTime.now().minusDays(1);
    if (submissions.mailTo(mailbox, dayAgo) >= limits.mailboxDailyLimit()) {
      return Optional.of(DropReason.MAILBOX_QUOTA);
    }
    if (submissions.mailFrom(sender, dayAgo) >= limits.senderDailyLimit()) {
      return Optional.of(DropReason.SENDER_QUOTA);
    }
    return Optional.empty();
  }

  /** Counts a mail over a quota: no record of its own, no answer (the sender may be forged). */
  public void dropMail(String mailbox, String sender, DropReason reason, long bytes, String messageId) {
    String source = reason == DropReason.MAILBOX_QUOTA ? mailbox : sender == null ? "<không có người gửi>" : sender;
    submissions.recordDrop(Channel.MAIL, source, reason, bytes,
        StaffListSubmissions.sha256(String.valueOf(messageId).getBytes(StandardCharsets.UTF_8)));
    log.info("Mail {} from {} to {} dropped unstored: {}", messageId, sender, mailbox, reason);
  }

  /** Why the link of {@code applicationId} takes no upload now; checked before the files are looked at. */
  public record UploadRefusal(int httpStatus, DropReason reason, String message) {
  }

  public Optional<UploadRefusal> uploadRefusal(long applicationId) {
    String reference = ProcessVariables.reference(applicationId);
    if (submissions.listAcceptedOrClosed(applicationId) || !isWaitingForList(applicationId)) {
      return Optional.of(new UploadRefusal(422, DropReason.LINK_DEAD, notWaiting(reference)));
    }
    var limits = properties.upload();
    if (submissions.uploads(applicationId, null) >= limits.totalLimit()) {
      return Optional.of(new UploadRefusal(429, DropReason.LINK_TOTAL_QUOTA, "Hồ sơ " + reference + " đã gửi "
          + limits.totalLimit() + " lần qua đường dẫn này, là số lần tối đa. Hãy liên hệ UBND phường hoặc cảnh sát "
          + "khu vực để được hướng dẫn."));
    }
    if (submissions.uploads(applicationId, OffsetDateTime.now().minusDays(1)) >= limits.dailyLimit()) {
      return Optional.of(new UploadRefusal(429, DropReason.LINK_DAILY_QUOTA, "Hồ sơ " + reference + " đã gửi "
          + limits.dailyLimit() + " lần trong 24 giờ qua, là số lần tối đa mỗi ngày. Hãy kiểm tra kỹ tệp theo "
          + "các lỗi đã báo rồi gửi lại vào ngày mai."));
    }
    return Optional.empty();
  }

  /** Counts an upload the link did not take. */
  public void dropUpload(long applicationId, UploadRefusal refusal, long bytes) {
    submissions.recordDrop(Channel.UPLOAD, ProcessVariables.reference(applicationId), refusal.reason(), bytes, null);
    log.info("Upload for {} dropped unstored: {}", ProcessVariables.reference(applicationId), refusal.reason());
  }

  public boolean alreadyReceived(String messageId) {
    return submissions.exists(messageId);
  }

  /**
   * Refuses a mail that was not read whole (over the size limit, too slow, malformed): a bounded record, and the
   * usual answer (to a matched registration's sender; for unmatched mail within the daily bound).
   */
  public Optional<Outcome> refuseMail(String messageId, String mailbox, String sender, String subject,
      List<String> problems, List<IncomingFile> files) {
    subject = visible(subject);
    if (submissions.exists(messageId)) {
      return Optional.empty();
    }
    Optional<Long> registration = registrationIn(subject);
    Status status = registration.isPresent() ? Status.REFUSED : Status.UNMATCHED;
    long id = submissions.store(Channel.MAIL, messageId, mailbox, sender, subject, registration.orElse(null),
        status, String.join("\n", problems), null, files);
    String reference = registration.map(ProcessVariables::reference).orElse(null);
    if (registration.isPresent() || mayAnswerUnmatched(sender)) {
      replyToSender(id, sender, messageId, subject, reference, problems);
    }
    return Optional.of(new Outcome(status, reference, 0, problems));
  }

  /**
   * Why a mail is refused from its structure alone (attachments' names and sizes, {@code messageBytes} as IMAP
   * reports it), before anything is downloaded; empty if it may be downloaded.
   */
  public List<String> structureProblems(List<IncomingFile> files, long messageBytes) {
    int maxFiles = properties.mailIntake().maxAttachments();
    if (files.size() > maxFiles) {
      return List.of(tooManyFiles(maxFiles));
    }
    long max = properties.uploadMaxBytes();
    List<String> problems = new ArrayList<>(files.stream().filter(f -> f.size() > max)
        .map(f -> tooLarge(f, max)).toList());
    if (problems.isEmpty() && messageBytes > properties.maxMessageBytes()) {
      problems.add("Thư lớn khoảng " + megabytes(messageBytes) + " MB, vượt giới hạn "
          + megabytes(properties.maxMessageBytes()) + " MB một thư: hãy nén ảnh chụp hoặc gửi tài liệu thành "
          + "nhiều thư.");
    }
    return problems;
  }

  /**
   * Receives a mail. Returns empty if this Message-ID was received before (polled twice): it is processed once.
   */
  public Optional<Outcome> receiveMail(String messageId, String mailbox, String sender, String subject,
      List<IncomingFile> files) {
    subject = visible(subject);
    if (submissions.exists(messageId)) {
      return Optional.empty();
    }
    Optional<Long> registration = registrationIn(subject);
    if (registration.isEmpty()) {
      String problem = "Tiêu đề thư \"" + subject + "\" không có mã hồ sơ của tổ chức nào đang đăng ký (dạng "
          + "HS-000012, in trong thư xác nhận). Hãy gửi lại với mã hồ sơ trong tiêu đề, ví dụ trả lời (Reply) "
          + "thư xác nhận.";
      long id = submissions.store(Channel.MAIL, messageId, mailbox, sender, subject, null, Status.UNMATCHED,
          problem, null, files);
      if (mayAnswerUnmatched(sender)) {
        replyToSender(id, sender, messageId, subject, null, List.of(problem));
      }
      return Optional.of(new Outcome(Status.UNMATCHED, null, 0, List.of(problem)));
    }
    Outcome outcome = receive(Channel.MAIL, messageId, mailbox, sender, subject, registration.get(), files);
    return Optional.of(outcome);
  }

  /** Receives the files uploaded through the registration's secret link. */
  public Outcome receiveUpload(long applicationId, List<IncomingFile> files) {
    return receive(Channel.UPLOAD, null, null, null, null, applicationId, files);
  }

  private Outcome receive(Channel channel, String messageId, String mailbox, String sender, String subject,
      long applicationId, List<IncomingFile> files) {
    String reference = ProcessVariables.reference(applicationId);
    Organization organization = organizations.get(applicationId);
    List<String> problems = new ArrayList<>();
    List<StaffMember> members = List.of();
    if (!isWaitingForList(applicationId)) {
      problems.add(notWaiting(reference));
    } else {
      problems.addAll(fileProblems(files));
      if (problems.isEmpty()) {
        IncomingFile list = files.stream().filter(f -> FileTypes.isStaffList(f.filename())).findFirst().get();
        try {
          members = check(organization, list.filename(), list.content());
        } catch (InvalidInputException e) {
          problems.addAll(e.problems());
        }
      }
    }
    if (problems.isEmpty()) {
      int rows = members.size();
      try {
        long id = transaction.execute(status -> {
          long submissionId = submissions.store(channel, messageId, mailbox, sender, subject, applicationId,
              Status.ACCEPTED, null, rows, files);
          runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(reference)
              .setVariable(ProcessVariables.STAFF_LIST_SUBMISSION_ID.name(), submissionId).correlateWithResult();
          return submissionId;
        });
        acknowledge(id, organization, reference, rows);
        return new Outcome(Status.ACCEPTED, reference, rows, List.of());
      } catch (MismatchingMessageCorrelationException e) {
        // Another list arrived (or the wait timed out) in between: this one is refused like any late list.
        problems.add("Hồ sơ " + reference + " không còn chờ danh sách: danh sách đã được nhận, hoặc hồ sơ đã "
            + "đóng vì quá hạn.");
      }
    }
    long id = submissions.store(channel, messageId, mailbox, sender, subject, applicationId, Status.REFUSED,
        String.join("\n", problems), null, files);
    if (channel == Channel.MAIL) {
      replyToSender(id, sender, messageId, subject, reference, problems);
    }
    return new Outcome(Status.REFUSED, reference, 0, problems);
  }

  private static String notWaiting(String reference) {
    return "Hồ sơ " + reference + " không còn chờ danh sách: danh sách đã được nhận, hoặc hồ sơ đã đóng vì quá "
        + "hạn. Nếu cần, hãy liên hệ UBND phường hoặc cảnh sát khu vực.";
  }

  /** The list as the process takes it: readable, and no longer than the registration asked for. */
  public List<StaffMember> check(Organization organization, String filename, byte[] content) {
    List<StaffMember> members = parser.parse(filename, content);
    if (members.size() > organization.staffRequested()) {
      throw new InvalidInputException("Danh sách có " + members.size() + " người, nhiều hơn số nhân viên đã "
          + "đăng ký (" + organization.staffRequested() + "). Hãy bớt danh sách, hoặc đăng ký bổ sung qua cảnh "
          + "sát khu vực.");
    }
    return members;
  }

  private List<String> fileProblems(List<IncomingFile> files) {
    List<String> problems = new ArrayList<>();
    long max = properties.uploadMaxBytes();
    int maxFiles = properties.mailIntake().maxAttachments();
    if (files.size() > maxFiles) {
      // A submission of thousands of tiny files is refused as a whole, before any is looked at.
      return List.of(tooManyFiles(maxFiles));
    }
    long total = 0;
    for (IncomingFile f : files) {
      total += f.size();
      if (f.size() > max) {
        problems.add(tooLarge(f, max));
      } else if (f.content() == null) {
        continue; // not downloaded as the files before it used up the limit: the total says so below
      } else {
        FileTypes.problem(f.filename(), f.content()).ifPresent(problems::add);
      }
    }
    if (problems.isEmpty() && total > max) {
      problems.add("Các tệp gửi kèm tổng cộng khoảng " + megabytes(total) + " MB, vượt giới hạn " + megabytes(max)
          + " MB: hãy gửi tài liệu thành nhiều lần, hoặc nén ảnh chụp.");
    }
    long lists = files.stream().filter(f -> FileTypes.isStaffList(f.filename())).count();
    if (lists == 0) {
      problems.add("Không có tệp danh sách nhân viên (.xlsx hoặc .csv theo mẫu) trong các tệp gửi kèm.");
    } else if (lists > 1) {
      problems.add("Có " + lists + " tệp danh sách (.xlsx/.csv): mỗi lần chỉ gửi một tệp danh sách; tài liệu "
          + "kèm theo gửi dạng .pdf, .jpg, .png hoặc .docx.");
    }
    return problems;
  }

  private static String tooLarge(IncomingFile f, long max) {
    return "Tệp \"" + f.filename() + "\" lớn khoảng " + megabytes(f.size()) + " MB, vượt giới hạn " + megabytes(max)
        + " MB cho cả danh sách và tài liệu: hãy nén ảnh chụp hoặc gửi bản PDF nhỏ hơn.";
  }

  private static String tooManyFiles(int max) {
    // A mail's attachments are listed up to one more than allowed: "more than", not the count.
    return "Có hơn " + max + " tệp gửi kèm, quá số tệp tối đa một lần gửi: "
        + "hãy gửi một tệp danh sách cùng các tài liệu cần thiết, hoặc gộp ảnh chụp thành một tệp PDF.";
  }

  private static String megabytes(long bytes) {
    return String.valueOf(Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0);
  }

  /**
   * Anyone can write to a ward mailbox, so answers to mail that matches no registration are bounded: never to
   * an automatic sender (a mail loop with another autoresponder), and at most a few a day to one address (the
   * mailbox must not become a way to send mail to third parties). The mail is recorded either way.
   */
  private boolean mayAnswerUnmatched(String sender) {
    if (sender == null || AUTOMATIC_SENDER.matcher(sender).find()) {
      return false;
    }
    boolean underLimit = submissions.unmatchedRepliesTo(sender, OffsetDateTime.now().minusDays(1))
        < UNMATCHED_REPLIES_PER_DAY;
    if (!underLimit) {
      log.info("Not answering unmatched mail from {}: {} answers in the last 24 hours already", sender,
          UNMATCHED_REPLIES_PER_DAY);
    }
    return underLimit;
  }

  /**
   * A mail's subject as it is recorded, quoted and answered: without control or invisible characters, so a
   * right-to-left override cannot turn the text of a page or an answer around.
   */
  private static String visible(String subject) {
    return subject == null ? null : HIDDEN.matcher(subject).replaceAll(" ").strip();
  }

  private void replyToSender(long submissionId, String sender, String messageId, String subject, String reference,
      List<String> problems) {
    if (sender == null) {
      return;
    }
    send(submissionId, sender, "staff-list-refused", Map.of("subject", subject == null ? "" : subject,
        "reference", reference == null ? "" : reference, "problems", problems), messageId);
  }

  private void acknowledge(long submissionId, Organization organization, String reference, int rows) {
    send(submissionId, organization.email(), "staff-list-received", Map.of("organizationName", organization.name(),
        "reference", reference, "rowCount", rows), null);
  }

  /** A reply that cannot be sent is logged, not retried: the submission is stored either way. */
  private void send(long submissionId, String to, String template, Map<String, Object> model, String inReplyTo) {
    try {
      mailer.send(to, template, model, new Mailer.Options(null, inReplyTo, List.of()));
      submissions.markReplied(submissionId);
    } catch (RuntimeException e) {
      log.warn("Could not send {} for staff list submission {} to {}", template, submissionId, to, e);
    }
  }
}
