package vn.giaydiduong.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Flags;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.giaydiduong.intake.StaffListFiles;
import vn.giaydiduong.organization.WardMails.Attachment;

/**
 * The IMAP intake against GreenMail, through the throttling proxy of {@link IntakeTestSupport}: what a refused or
 * unmatched mail leaves in the database, the sender quota, the size box (refused from RFC822.SIZE and the
 * structure, not downloaded), the time boxes per mail and per mailbox poll, and that a broken mailbox or a
 * malformed mail does not keep the other wards' mail from being processed.
 */
class MailIntakeLimitsTest extends IntakeTestSupport {


  @BeforeEach
  void emptyMailboxes() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  @Test
  void unmatchedMail_keepsABoundedRecord_notTheAttachment() throws Exception {
    byte[] list = StaffListFiles.xlsx(people(2));
    send("record@example.vn", TRUC_BACH_MAILBOX, "Danh sách nhân viên tháng 9", new Attachment("ds.xlsx", list));
    awaitStored("record@example.vn", 1);
    assertThat(count("select count(*) from staff_list_submission s join staff_list_file f on f.submission_id = s.id "
            + "where s.sender = ? and s.status = 'UNMATCHED' and f.content is null and f.size_bytes = ? "
            + "and f.sha256 = ?", "record@example.vn", list.length, StaffListSubmissions.sha256(list)))
        .isEqualTo(1);
    assertThat(count("select count(*) from staff_list_submission s join staff_list_file f on f.submission_id = s.id "
        + "where s.sender = ? and f.content is not null", "record@example.vn")).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> seen(TRUC_BACH_MAILBOX, "record@example.vn") == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo("record@example.vn").size() == 1);
  }

  @Test
  void senderOverItsDailyQuota_isCountedNotStored_andNotAnswered() throws Exception {
    for (int i = 1; i <= 4; i++) {
      send("spam@example.vn", TRUC_BACH_MAILBOX, "Quảng cáo số " + i, new Attachment("qc.pdf",
          ("%PDF-1.4 quảng cáo " + i).getBytes(StandardCharsets.UTF_8)));
    }
    send("khac@example.vn", TRUC_BACH_MAILBOX, "Hỏi thủ tục");
    await().atMost(Duration.ofSeconds(30)).until(() -> seen(TRUC_BACH_MAILBOX, "spam@example.vn") == 4);
    awaitStored("khac@example.vn", 1);

    assertThat(stored("spam@example.vn")).isEqualTo(2);
    assertThat(jdbc.queryForObject("select sum(drop_count) from staff_list_drop where channel = 'MAIL' "
        + "and source = 'spam@example.vn' and reason = 'SENDER_QUOTA'", Integer.class)).isEqualTo(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo("khac@example.vn").size() == 1);
    assertThat(mailsTo("spam@example.vn")).hasSize(2);
  }

  @Test
  void mailOverTheSizeLimit_isRefusedFromItsStructure_withoutDownloadingIt() throws Exception {
    // Two attachments each under the 4 MB limit, together over it: only RFC822.SIZE tells before downloading.
    proxy.downstreamBytes.set(0);
    send("lon@example.vn", TRUC_BACH_MAILBOX, "Tài liệu", new Attachment("a.pdf", pdf(2_600_000, 1)),
        new Attachment("b.pdf", pdf(2_600_000, 2)));
    awaitStored("lon@example.vn", 1);
    assertThat(jdbc.queryForObject("select problem from staff_list_submission where sender = ?", String.class,
        "lon@example.vn")).contains("Thư lớn khoảng 6.8 MB, vượt giới hạn 6.5 MB một thư");
    assertThat(count("select count(*) from staff_list_submission s join staff_list_file f on f.submission_id = s.id "
        + "where s.sender = ? and f.content is null and f.size_bytes > 2500000", "lon@example.vn")).isEqualTo(2);
    assertThat(proxy.downstreamBytes.get()).as("bytes read from the mailbox").isLessThan(256 * 1024);
    await().atMost(Duration.ofSeconds(10)).until(() -> seen(TRUC_BACH_MAILBOX, "lon@example.vn") == 1);
  }

  @Test
  void slowMail_isTimeBoxed_andTheMailboxPollToo_soOtherWardsAreServed() throws Exception {
    // About 4 MB of base64 each: 16 s at the proxy's 256 KB/s, against 3 s a mail and 4 s a mailbox poll.
    for (int i = 1; i <= 3; i++) {
      send("cham" + i + "@example.vn", TRUC_BACH_MAILBOX, "Danh sách " + i, new Attachment("scan.pdf",
          pdf(3_000_000, i)));
    }
    send("phucxa@example.vn", PHUC_XA_MAILBOX, "Hỏi thủ tục");
    awaitStored("phucxa@example.vn", 1);
    int slowDone = count("select count(*) from staff_list_submission where sender like 'cham%@example.vn' "
        + "and problem like '%quá chậm%'");
    assertThat(slowDone).as("slow mails refused when the other ward's mail was taken").isBetween(1, 2);

    await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from staff_list_submission "
        + "where sender like 'cham%@example.vn' and problem like '%quá chậm%'") == 3);
    assertThat(count("select count(*) from staff_list_submission s join staff_list_file f on f.submission_id = s.id "
        + "where s.sender like 'cham%@example.vn' and f.content is not null")).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> seen(TRUC_BACH_MAILBOX, null) == 3);
  }

  @Test
  void brokenMailboxAndMalformedMail_doNotStopTheOthers() throws Exception {
    var broken = greenMail.getUserManager().getUserByEmail(BROKEN_MAILBOX);
    broken.setPassword("doi-mat-khau");
    try {
      MimeMessage malformed = malformed("hong@example.vn", "Thu hong");
      greenMail.getUserManager().getUserByEmail(TRUC_BACH_MAILBOX).deliver(malformed);
      send("tb@example.vn", TRUC_BACH_MAILBOX, "Hỏi thủ tục");
      send("px@example.vn", PHUC_XA_MAILBOX, "Hỏi thủ tục");

      awaitStored("px@example.vn", 1);
      awaitStored("tb@example.vn", 1);
      awaitStored("hong@example.vn", 1);
      assertThat(jdbc.queryForObject("select problem from staff_list_submission where sender = ?", String.class,
          "hong@example.vn")).contains("Thư bị lỗi định dạng");
      await().atMost(Duration.ofSeconds(10)).until(() -> seen(TRUC_BACH_MAILBOX, "hong@example.vn") == 1);
    } finally {
      broken.setPassword("test-password");
    }
  }

  // --- helpers

  private void awaitStored(String sender, int n) {
    await().atMost(Duration.ofSeconds(30)).until(() -> stored(sender) == n);
  }

  /** Mails in {@code mailbox} (from {@code sender}, or all) flagged \Seen by the intake. */
  private long seen(String mailbox, String sender) {
    return List.of(greenMail.getReceivedMessagesForDomain(mailbox)).stream().filter(m -> {
      try {
        return (sender == null || ((InternetAddress) m.getFrom()[0]).getAddress().equals(sender))
            && m.getFlags().contains(Flags.Flag.SEEN);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).count();
  }
}
