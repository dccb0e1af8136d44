package vn.giaydiduong.organization;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Every mail and upload that brought a staff list, with its files, kept whatever became of it: refused and
 * unmatched mail stays here for the ward to look at, and nothing is ever deleted from the mailbox.
 */
@Repository
public class StaffListSubmissions {

  public enum Channel { MAIL, UPLOAD }

  public enum Status { ACCEPTED, REFUSED, UNMATCHED }

  /** A file as received; {@code content} is null when it was too large to download. */
  public record IncomingFile(String filename, String contentType, long size, byte[] content) {
  }

  public record StoredFile(long id, long submissionId, String filename, long size, boolean staffList) {
  }

  private final JdbcTemplate jdbc;

  public StaffListSubmissions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String messageId) {
    return jdbc.queryForObject("select count(*) from staff_list_submission where message_id = ?", Integer.class,
        messageId) > 0;
  }

  public long store(Channel channel, String messageId, String mailbox, String sender, String subject,
      Long applicationId, Status status, String problem, Integer rowCount, List<IncomingFile> files) {
    var key = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("insert into staff_list_submission (channel, message_id, "
          + "mailbox, sender, subject, application_id, status, problem, row_count, received_at) "
          + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      ps.setString(1, channel.name());
      ps.setString(2, messageId);
      ps.setString(3, mailbox);
      ps.setString(4, truncate(sender, 320));
      ps.setString(5, truncate(subject, 1000));
      ps.setObject(6, applicationId);
      ps.setString(7, status.name());
      ps.setString(8, problem);
      ps.setObject(9, rowCount);
      ps.setObject(10, OffsetDateTime.now());
      return ps;
    }, key);
    long id = Objects.requireNonNull(key.getKey()).longValue();
    for (IncomingFile f : files) {
      jdbc.update("insert into staff_list_file (submission_id, filename, content_type, size_bytes, staff_list, "
              + "content) values (?, ?, ?, ?, ?, ?)", id, truncate(f.filename(), 255), truncate(f.contentType(), 255),
          f.size(), vn.giaydiduong.intake.FileTypes.isStaffList(f.filename()), f.content());
    }
    return id;
  }

  /** How many answers went to {@code sender} about unmatched mail since {@code since}. */
  public int unmatchedRepliesTo(String sender, OffsetDateTime since) {
    return jdbc.queryForObject("select count(*) from staff_list_submission where lower(sender) = lower(?) "
        + "and status = 'UNMATCHED' and replied_at >= ?", Integer.class, sender, since);
  }

  public void markReplied(long submissionId) {
    jdbc.update("update staff_list_submission set replied_at = ? where id = ?", OffsetDateTime.now(), submissionId);
  }

  /** The staff list file of an accepted submission: its name and content. */
  public IncomingFile staffList(long submissionId) {
    return jdbc.queryForObject("select filename, content_type, size_bytes, content from staff_list_file "
            + "where submission_id = ? and staff_list = true", (rs, n) -> new IncomingFile(rs.getString(1),
            rs.getString(2), rs.getLong(3), rs.getBytes(4)), submissionId);
  }

  /** The files the reviewer looks at: those of the accepted submission of the application. */
  public List<StoredFile> acceptedFiles(long applicationId) {
    return jdbc.query("select f.id, f.submission_id, f.filename, f.size_bytes, f.staff_list from staff_list_file f "
            + "join staff_list_submission s on s.id = f.submission_id where s.application_id = ? "
            + "and s.status = 'ACCEPTED' order by f.id", (rs, n) -> new StoredFile(rs.getLong(1), rs.getLong(2),
            rs.getString(3), rs.getLong(4), rs.getBoolean(5)), applicationId);
  }

  /** A stored file with the application it belongs to (null for unmatched mail). */
  public Optional<FileContent> file(long fileId) {
    return jdbc.query("select f.filename, f.content, s.application_id from staff_list_file f "
            + "join staff_list_submission s on s.id = f.submission_id where f.id = ? and f.content is not null",
        (rs, n) -> new FileContent(rs.getString(1), rs.getBytes(2), (Long) rs.getObject(3, Long.class)), fileId)
        .stream().findFirst();
  }

  public record FileContent(String filename, byte[] content, Long applicationId) {
  }

  public List<Status> statuses(long applicationId) {
    return jdbc.query("select status from staff_list_submission where application_id = ? order by id",
        (rs, n) -> Status.valueOf(rs.getString(1)), applicationId);
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
