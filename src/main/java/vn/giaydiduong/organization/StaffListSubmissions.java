package vn.giaydiduong.organization;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every mail and upload that brought a staff list. Only an accepted submission keeps its files: anyone can write
 * to a ward mailbox, so a refused or unmatched one keeps a bounded record (who, when, why, file names, sizes,
 * SHA-256), enough to answer "what did you do with my mail". A submission over a quota keeps only a counter
 * ({@link #recordDrop}). Nothing is ever deleted from the mailbox.
 */
@Repository
public class StaffListSubmissions {

  public enum Channel { MAIL, UPLOAD }

  public enum Status { ACCEPTED, REFUSED, UNMATCHED }

  /** A file as received; {@code content} is null when it was too large to download. */
  public record IncomingFile(String filename, String contentType, long size, byte[] content) {
  }

  /** Why a submission was dropped unstored. */
  public enum DropReason { SENDER_QUOTA, MAILBOX_QUOTA, LINK_DAILY_QUOTA, LINK_TOTAL_QUOTA, LINK_DEAD }

  /** File records kept per submission; a mail with more attachments is refused, and the rest is not listed. */
  static final int MAX_FILE_RECORDS = 50;
  /** Characters of the answer kept with a refused submission (at most 100 problems are listed anyway). */
  static final int MAX_PROBLEM_CHARS = 8000;

  public record StoredFile(long id, long submissionId, String filename, long size, boolean staffList) {
  }

  private final JdbcClient jdbc;

  public StaffListSubmissions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String messageId) {
    return count("select count(*) from staff_list_submission where message_id = ?", messageId) > 0;
  }

  /**
   * Stores a submission in one transaction (never a submission without its file records). The files' content
   * only for an accepted one.
   */
  @Transactional
  public long store(Channel channel, String messageId, String mailbox, String sender, String subject,
      Long applicationId, Status status, String problem, Integer rowCount, List<IncomingFile> files) {
    var key = new GeneratedKeyHolder();
    jdbc.sql("insert into staff_list_submission (channel, message_id, mailbox, sender, subject, application_id, "
            + "status, problem, row_count, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(channel.name(), truncate(messageId, 998), truncate(mailbox, 254), truncate(sender, 320),
            truncate(subject, 1000), applicationId, status.name(), truncate(problem, MAX_PROBLEM_CHARS), rowCount,
            OffsetDateTime.now())
        .update(key, "id");
    long id = Objects.requireNonNull(key.getKey()).longValue();
    for (IncomingFile f : files.subList(0, Math.min(files.size(), MAX_FILE_RECORDS))) {
      jdbc.sql("insert into staff_list_file (submission_id, filename, content_type, size_bytes, staff_list, "
              + "content, sha256) values (?, ?, ?, ?, ?, ?, ?)")
          .params(id, truncate(f.filename() == null ? "" : f.filename(), 255), truncate(f.contentType(), 255),
              f.size(), vn.giaydiduong.intake.FileTypes.isStaffList(f.filename()),
              status == Status.ACCEPTED ? f.content() : null, f.content() == null ? null : sha256(f.content()))
          .update();
    }
    return id;
  }

  /** Mail from {@code sender} stored since {@code since}, whatever became of it. */
  public int mailFrom(String sender, OffsetDateTime since) {
    return sender == null
        ? count("select count(*) from staff_list_submission where channel = 'MAIL' and sender is null "
            + "and received_at >= ?", since)
        : count("select count(*) from staff_list_submission where channel = 'MAIL' "
            + "and lower(sender) = lower(?) and received_at >= ?", sender, since);
  }

  /** Mail to {@code mailbox} stored since {@code since}. */
  public int mailTo(String mailbox, OffsetDateTime since) {
    return count("select count(*) from staff_list_submission where channel = 'MAIL' and mailbox = ? "
        + "and received_at >= ?", mailbox, since);
  }

  /** Uploads through the links of {@code applicationId} since {@code since} (null: ever). */
  public int uploads(long applicationId, OffsetDateTime since) {
    return count("select count(*) from staff_list_submission where channel = 'UPLOAD' "
        + "and application_id = ? and received_at >= ?", applicationId,
        since == null ? OffsetDateTime.parse("2000-01-01T00:00Z") : since);
  }

  /** Whether the registration is done with lists: one was accepted, or it was closed. */
  public boolean listAcceptedOrClosed(long applicationId) {
    return count("select count(*) from staff_list_submission where application_id = ? "
        + "and status = 'ACCEPTED'", applicationId) > 0
        || count("select count(*) from organization_registration where application_id = ? "
        + "and closed_at is not null", applicationId) > 0;
  }

  /**
   * Counts a submission dropped unstored: one row per channel, source, reason and day, however many come, so a
   * flood costs no storage. {@code sha256} identifies the last one (a file's or the mail's Message-ID's hash).
   */
  public void recordDrop(Channel channel, String source, DropReason reason, long bytes, String sha256) {
    LocalDate day = LocalDate.now();
    String key = truncate(source == null ? "" : source.toLowerCase(java.util.Locale.ROOT), 320);
    OffsetDateTime now = OffsetDateTime.now();
    String update = "update staff_list_drop set drop_count = drop_count + 1, total_bytes = total_bytes + ?, "
        + "last_at = ?, last_sha256 = ? where drop_day = ? and channel = ? and source = ? and reason = ?";
    if (jdbc.sql(update).params(bytes, now, sha256, day, channel.name(), key, reason.name()).update() > 0) {
      return;
    }
    try {
      jdbc.sql("insert into staff_list_drop (drop_day, channel, source, reason, drop_count, total_bytes, first_at, "
              + "last_at, last_sha256) values (?, ?, ?, ?, 1, ?, ?, ?, ?)")
          .params(day, channel.name(), key, reason.name(), bytes, now, now, sha256).update();
    } catch (DuplicateKeyException e) {
      // inserted in between
      jdbc.sql(update).params(bytes, now, sha256, day, channel.name(), key, reason.name()).update();
    }
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many answers went to {@code sender} about unmatched mail since {@code since}. */
  public int unmatchedRepliesTo(String sender, OffsetDateTime since) {
    return count("select count(*) from staff_list_submission where lower(sender) = lower(?) "
        + "and status = 'UNMATCHED' and replied_at >= ?", sender, since);
  }

  public void markReplied(long submissionId) {
    jdbc.sql("update staff_list_submission set replied_at = ? where id = ?").params(OffsetDateTime.now(), submissionId)
        .update();
  }

  /** The staff list file of an accepted submission: its name and content. */
  public IncomingFile staffList(long submissionId) {
    return jdbc.sql("select filename, content_type, size_bytes as size, content from staff_list_file "
            + "where submission_id = ? and staff_list = true").param(submissionId).query(IncomingFile.class).single();
  }

  /** The files the reviewer looks at: those of the accepted submission of the application. */
  public List<StoredFile> acceptedFiles(long applicationId) {
    return jdbc.sql("select f.id, f.submission_id, f.filename, f.size_bytes as size, f.staff_list "
            + "from staff_list_file f join staff_list_submission s on s.id = f.submission_id "
            + "where s.application_id = ? and s.status = 'ACCEPTED' order by f.id")
        .param(applicationId).query(StoredFile.class).list();
  }

  /** A stored file with the application it belongs to (null for unmatched mail). */
  public Optional<FileContent> file(long fileId) {
    return jdbc.sql("select f.filename, f.content, s.application_id from staff_list_file f "
            + "join staff_list_submission s on s.id = f.submission_id where f.id = ? and f.content is not null")
        .param(fileId).query(FileContent.class).optional();
  }

  public record FileContent(String filename, byte[] content, Long applicationId) {
  }

  public List<Status> statuses(long applicationId) {
    return jdbc.sql("select status from staff_list_submission where application_id = ? order by id")
        .param(applicationId).query(Status.class).list();
  }

  private int count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Integer.class).single();
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
