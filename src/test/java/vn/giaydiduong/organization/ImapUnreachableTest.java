package vn.giaydiduong.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.HtmlUtils;
import vn.giaydiduong.intake.StaffListFiles;
import vn.giaydiduong.organization.MailIntake.MailboxState;
import vn.giaydiduong.organization.WardMails.Attachment;

/**
 * The ward mailboxes' IMAP server unreachable (connections refused), or hanging (connections accepted, never
 * answered), then back: the poller keeps polling, each round bounded by the IMAP timeouts; nothing is flagged
 * \Seen or deleted while it cannot be processed; one WARN line a round, no stack trace; health {@code mailIntake}
 * and the gauge {@code giaydiduong.mail.intake.failing.mailboxes} show it; the first poll after recovery
 * processes every mail once. And a huge and a malformed mail beside a good one in one mailbox: the good one is
 * processed, the others answered in Vietnamese and kept.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImapUnreachableTest extends IntakeTestSupport {

  @Autowired MailIntakeHealthIndicator health;
  @Autowired MeterRegistry meters;
  @Autowired MailIntake intake;

  @BeforeEach
  void emptyMailboxes() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void serverBack() throws Exception {
    proxy.hang(false);
    proxy.reopen();
  }

  @Test
  void serverRefusesConnections_mailWaitsUnseen_thenTheFirstPollAfterwardsTakesItOnce(CapturedOutput output)
      throws Exception {
    proxy.refuse();
    awaitEveryMailboxFailing(); // a round already connected may still finish
    send("tb-down@example.vn", TRUC_BACH_MAILBOX, "Hỏi thủ tục");
    send("px-down@example.vn", PHUC_XA_MAILBOX, "Hỏi thủ tục");

    // Polled again and again (every 0.5 s here), each round ended at the first refused connection.
    await().atMost(Duration.ofSeconds(30)).until(() -> intake.states().stream().allMatch(s -> s.failures() >= 4));
    Health down = health.health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(((Map<?, ?>) down.getDetails().get("failing")).keySet()).map(Object::toString).containsOnly(BROKEN_MAILBOX, TRUC_BACH_MAILBOX,
        PHUC_XA_MAILBOX);
    assertThat(meters.get("giaydiduong.mail.intake.failing.mailboxes").gauge().value()).isEqualTo(3);
    assertThat(stored("tb-down@example.vn") + stored("px-down@example.vn")).isZero();
    assertThat(unseenIn(TRUC_BACH_MAILBOX) + unseenIn(PHUC_XA_MAILBOX)).as("nothing flagged while unreachable")
        .isEqualTo(2);
    assertThat(output.getAll()).contains("IMAP server 127.0.0.1:" + proxy.port() + " unreachable, 3 mailbox(es) "
        + "left for the next poll");
    assertNoStackTraceFromTheIntake(output);

    proxy.reopen();
    await().atMost(Duration.ofSeconds(30)).until(() -> stored("tb-down@example.vn") == 1
        && stored("px-down@example.vn") == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
    assertThat(meters.get("giaydiduong.mail.intake.failing.mailboxes").gauge().value()).isZero();
    // Flagged \Seen just after it is stored.
    await().atMost(Duration.ofSeconds(10)).until(() -> unseenIn(TRUC_BACH_MAILBOX) + unseenIn(PHUC_XA_MAILBOX) == 0);
    assertThat(greenMail.getReceivedMessagesForDomain(TRUC_BACH_MAILBOX)).as("nothing deleted").hasSize(1);
    assertThat(output.getAll()).contains("Mailbox " + TRUC_BACH_MAILBOX + " polled again after");
  }

  @Test
  void serverHangs_eachRoundEndsWithinTheReadTimeout_thenTheMailIsTaken(CapturedOutput output) throws Exception {
    proxy.hang(true);
    awaitEveryMailboxFailing();
    send("tb-hang@example.vn", TRUC_BACH_MAILBOX, "Hỏi thủ tục");
    // The read timeout here is the message timeout, 3 s (60 s at most in production): rounds keep coming.
    await().atMost(Duration.ofSeconds(40)).until(() -> intake.states().get(1).failures() >= 4);
    assertThat(intake.states().get(1).lastError()).containsIgnoringCase("timed out");
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(unseenIn(TRUC_BACH_MAILBOX)).isEqualTo(1);
    assertNoStackTraceFromTheIntake(output);

    proxy.hang(false);
    await().atMost(Duration.ofSeconds(30)).until(() -> stored("tb-hang@example.vn") == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> unseenIn(TRUC_BACH_MAILBOX) == 0);
  }

  @Test
  void hugeAndMalformedMailBesideAGoodOne_theGoodIsTaken_theOthersAnsweredAndKept() throws Exception {
    Registration registration = register(2);
    deliver(TRUC_BACH_MAILBOX, malformed("hong-ke-ben@example.vn", "Re: [" + registration.reference() + "] Danh sách"));
    send("lon-ke-ben@example.vn", TRUC_BACH_MAILBOX, "Re: [" + registration.reference() + "] Tài liệu",
        new Attachment("a.pdf", pdf(3_500_000, 1)), new Attachment("b.pdf", pdf(3_500_000, 2)));
    send(ORG_EMAIL, TRUC_BACH_MAILBOX, "Re: [" + registration.reference() + "] Danh sách nhân viên",
        new Attachment("ds.xlsx", StaffListFiles.xlsx(people(2))));

    await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.getActiveActivityIds(
        registration.instance().getId()).contains("Task_ReviewStaffList"));
    await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("hong-ke-ben@example.vn").size() == 1
        && mailsTo("lon-ke-ben@example.vn").size() == 1);
    assertThat(HtmlUtils.htmlUnescape(body(mailsTo("hong-ke-ben@example.vn").get(0)))).contains("Thư bị lỗi định dạng");
    assertThat(HtmlUtils.htmlUnescape(body(mailsTo("lon-ke-ben@example.vn").get(0)))).contains("vượt giới hạn");
    assertThat(jdbc.queryForList("select status from staff_list_submission where sender in (?, ?) order by sender",
        String.class, "hong-ke-ben@example.vn", "lon-ke-ben@example.vn")).containsExactly("REFUSED", "REFUSED");
    assertThat(greenMail.getReceivedMessagesForDomain(TRUC_BACH_MAILBOX)).as("all three kept").hasSize(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> unseenIn(TRUC_BACH_MAILBOX) == 0);
  }

  // --- helpers

  private void awaitEveryMailboxFailing() {
    await().atMost(Duration.ofSeconds(30)).until(() -> intake.states().stream().allMatch(MailboxState::failing));
  }

  private static void assertNoStackTraceFromTheIntake(CapturedOutput output) {
    assertThat(output.getAll()).doesNotContain("at vn.giaydiduong.organization.MailIntake")
        .doesNotContain("at org.eclipse.angus.mail");
  }

  private void deliver(String mailbox, MimeMessage message) throws Exception {
    greenMail.getUserManager().getUserByEmail(mailbox).deliver(message);
  }

  private long unseenIn(String mailbox) {
    return List.of(greenMail.getReceivedMessagesForDomain(mailbox)).stream().filter(m -> {
      try {
        return !m.getFlags().contains(Flags.Flag.SEEN);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).count();
  }
}
