package vn.giaydiduong.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.Flags;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.web.servlet.MockMvc;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.intake.StaffListFiles;
import vn.giaydiduong.organization.WardMails.Attachment;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.rules.PassValidityRules;
import vn.giaydiduong.rules.RuleVersion;
import vn.giaydiduong.testing.ProcessCoverage;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Every path of {@code organization-pass} with the real delegates, database, IMAP intake, SMTP, signing and PDF
 * rendering: the organization's replies are real mails sent to the ward mailbox on GreenMail and picked up by
 * the scheduled poller. Runs on H2 and, in {@link OrganizationPassProcessPostgresTest}, on PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({ProcessCoverage.Complete.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public class OrganizationPassProcessTest extends ProcessTestSupport {

  static final String ORG_EMAIL = "nhansu@thucphamhanoi.vn";
  static final String WARD_MAILBOX = "qrca.bd.tb1@gmail.com";
  private static final String ORG_EMAIL_SENDER = "to-chuc@example.vn";
  private static final Pattern UPLOAD_LINK = Pattern.compile("/to-chuc/nop-danh-sach/([A-Za-z0-9_-]{43})");

  @Autowired ApplicationStore applications;
  @Autowired PassRegistry registry;
  @Autowired PassCodec codec;
  @Autowired JavaMailSender mailSender;
  @Autowired JdbcTemplate jdbc;
  @Autowired MockMvc mvc;

  /** ID numbers unique across the tests of one context (they share the database, and pass holders are flagged). */
  private static final java.util.concurrent.atomic.AtomicInteger SERIALS = new java.util.concurrent.atomic.AtomicInteger(
      100_000);

  private static List<List<Object>> people(int count) {
    return StaffListFiles.people(count, SERIALS.getAndAdd(count));
  }

  @Test
  void listByEmail_everyoneApproved_passesCarryTheOrganizationAndAreMailedAsPdf() throws Exception {
    ProcessInstance instance = registerAndConfirm(3);
    String reference = reference(instance);
    MimeMessage confirmation = single(mailsTo(ORG_EMAIL));
    assertThat(confirmation.getSubject()).isEqualTo("[" + reference
        + "] Xác nhận đăng ký cấp giấy đi đường – Công ty CP Thực phẩm Hà Nội");
    assertThat(confirmation.getReplyTo()[0].toString()).isEqualTo(WARD_MAILBOX);
    assertThat(body(confirmation)).contains(reference, WARD_MAILBOX, "/to-chuc/mau-danh-sach.xlsx");

    sendMail("Re: [" + reference + "] Xác nhận đăng ký", "danh-sach.xlsx",
        StaffListFiles.xlsx(people(3)));
    awaitTask(instance, "Task_ReviewStaffList");

    assertThat(task()).hasCandidateGroup("officials-" + TRUC_BACH);
    assertThat(instance).variables().containsEntry(ProcessVariables.APPLICANT_COUNT.name(), 3)
        .containsEntry(ProcessVariables.FLAGGED_COUNT.name(), 0);
    // The acknowledgement follows the commit of the intake.
    await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(ORG_EMAIL, "Đã nhận danh sách").size() == 1);
    assertThat(single(mailsTo(ORG_EMAIL, "Đã nhận danh sách")).getSubject()).contains(reference);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    assertThat(instance).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Task_DeliverPasses");
    assertThat(task()).hasCandidateGroup("cskv-" + TRUC_BACH);

    long applicationId = applicationId(instance);
    List<Pass> issued = registry.passes(applicationId, PassStatus.ISSUED);
    var validity = processEngine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(PassValidityRules.DECISION).latestVersion().singleResult();
    assertThat(issued).hasSize(3).allSatisfy(p -> {
      assertThat(p.kind()).isEqualTo(PassKind.ORGANIZATION);
      // The pass-validity version that checked the registration (docs/changing-rules.md).
      assertThat(p.rule()).isEqualTo(new RuleVersion(validity.getId(), validity.getVersion()));
      assertThat(codec.decode(p.qrText()).claims().organization()).isEqualTo("Công ty CP Thực phẩm Hà Nội");
    });

    completeTask(instance, "cskv.trucbach",
        Map.of(ProcessVariables.DELIVERED_TO.name(), "Bà Lê Thị Hoa, phòng nhân sự"));
    assertThat(registry.passes(applicationId, PassStatus.DELIVERED)).hasSize(3);
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isEnded().hasPassed("Task_EmailPrintBundle", "EndEvent_PassesDelivered")
        .hasNotPassed("Task_EmailRejections", "Task_EmailReminder");
    MimeMessage passes = single(mailsTo(ORG_EMAIL, "Giấy đi đường đã được cấp"));
    Multipart parts = (Multipart) passes.getContent();
    assertThat(parts.getBodyPart(1).getFileName()).isEqualTo(reference.toLowerCase() + "-giay-di-duong.pdf");
    assertThat(parts.getBodyPart(1).getInputStream().readNBytes(4)).isEqualTo("%PDF".getBytes());
    Matcher link = Pattern.compile("/to-chuc/giay-di-duong/[A-Za-z0-9_-]{43}").matcher(body(passes));
    assertThat(link.find()).isTrue();
    mvc.perform(get(link.group())).andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("application/pdf"));
  }

  @Test
  void listByUpload_duplicatesAndPassHoldersAreFlagged_partialApproval_oneRejectionMail() throws Exception {
    ProcessInstance first = registerAndConfirm(2);
    String firstToken = uploadToken(first);
    List<List<Object>> holder = people(1);
    mvc.perform(multipart("/to-chuc/nop-danh-sach/" + firstToken).file(list("ds.csv",
        StaffListFiles.csv(holder, ',', true)))).andExpect(status().isOk());
    completeTask(first, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    completeTask(first, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    execute(caseJob(first));
    greenMail.purgeEmailFromAllMailboxes();

    ProcessInstance instance = registerAndConfirm(4);
    List<List<Object>> rows = people(4);
    rows.get(1).set(3, holder.get(1).get(3)); // holds the pass just stamped
    rows.get(4).set(3, rows.get(3).get(3)); // rows 4 and 5 of the sheet (people 3 and 4): the same CCCD
    String token = uploadToken(instance);
    mvc.perform(get("/to-chuc/nop-danh-sach/" + token)).andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Nộp danh sách nhân viên")));
    mvc.perform(multipart("/to-chuc/nop-danh-sach/" + token)
            .file(list("ds.xlsx", StaffListFiles.xlsx(rows)))
            .file(new MockMultipartFile("files", "giay-phep.pdf", "application/pdf", "%PDF-1.4 ...".getBytes())))
        .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(
            "Đã nhận danh sách")));

    assertThat(instance).isWaitingAt("Task_ReviewStaffList").variables()
        .containsEntry(ProcessVariables.FLAGGED_COUNT.name(), 3);
    String applicants = runtimeService.getVariable(instance.getId(), ProcessVariables.APPLICANTS.name()).toString();
    assertThat(applicants).contains("Đang có giấy đi đường còn hiệu lực", "Trùng số CCCD/CMND với dòng 5",
        "Trùng số CCCD/CMND với dòng 4");
    assertThat((String) runtimeService.getVariable(instance.getId(), ProcessVariables.DOCUMENTS.name()))
        .contains("[ds\\.xlsx](/api/staff-list-files/", "[giay\\-phep\\.pdf]");

    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "PARTIAL",
        ProcessVariables.REJECTIONS.name(), "1: Đã có giấy đi đường còn hiệu lực\n4: Trùng số CCCD với người số 3"));
    assertThat(instance).isWaitingAt("Task_EmailRejections");
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    MimeMessage rejection = single(mailsTo(ORG_EMAIL, "không được duyệt"));
    assertThat(body(rejection)).contains("Nguyễn Văn An", "Đã có giấy đi đường còn hiệu lực", "Phạm Thu Dung",
        "Trùng số CCCD với người số 3");
    assertThat(registry.passes(applicationId(instance), PassStatus.AWAITING_STAMP)).extracting(Pass::holderName)
        .containsExactly("Trần Thị Bích", "Lê Hoàng Cường");
  }

  @Test
  void everyoneRejected_oneMailListsEveryoneAndTheProcessEnds() throws Exception {
    ProcessInstance instance = registerAndConfirm(2);
    sendMail("Danh sách nhân viên " + reference(instance), "ds.xlsx", StaffListFiles.xlsx(people(2)));
    awaitTask(instance, "Task_ReviewStaffList");
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL",
        ProcessVariables.REJECT_ALL_REASON.name(), "Ngành nghề không thuộc diện được hoạt động"));
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isEnded().hasPassed("EndEvent_AllRejected").hasNotPassed("Task_AssignPassNumbers");
    MimeMessage rejection = single(mailsTo(ORG_EMAIL, "không được duyệt"));
    assertThat(body(rejection)).contains("Nguyễn Văn An", "Trần Thị Bích", "Ngành nghề không thuộc diện");
    assertThat(applications.applicants(applicationId(instance), Decision.REJECTED))
        .allSatisfy(a -> assertThat(a.rejectionNotifiedAt()).isNotNull());
  }

  @Test
  void policeReturnTheList_unstampedPassesAreVoidedAndTheStaffReviewedAgain() throws Exception {
    ProcessInstance instance = registerAndConfirm(2);
    mvc.perform(multipart("/to-chuc/nop-danh-sach/" + uploadToken(instance)).file(list("ds.csv",
        StaffListFiles.csv(people(2), ',', true)))).andExpect(status().isOk());
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    List<String> firstNumbers = registry.passes(applicationId(instance), PassStatus.AWAITING_STAMP).stream()
        .map(Pass::passNumber).toList();

    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "RETURN",
        ProcessVariables.RETURN_REASON.name(), "Giấy phép hoạt động của doanh nghiệp đã hết hạn"));

    assertThat(instance).hasPassed("Call_StampAndSign").isWaitingAt("Task_ReviewStaffList");
    assertThat(registry.passes(applicationId(instance), PassStatus.VOIDED)).extracting(Pass::passNumber)
        .containsExactlyElementsOf(firstNumbers);
    assertThat(applications.applicants(applicationId(instance), Decision.PENDING)).hasSize(2);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL",
        ProcessVariables.REJECT_ALL_REASON.name(), "Giấy phép hoạt động của doanh nghiệp đã hết hạn"));
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isEnded().hasPassed("EndEvent_AllRejected");
    assertThat(registry.passes(applicationId(instance), PassStatus.AWAITING_STAMP)).isEmpty();
  }

  @Test
  void policeRefuseOnePass_theOrganizationIsToldInOneMail() throws Exception {
    ProcessInstance instance = registerAndConfirm(2);
    mvc.perform(multipart("/to-chuc/nop-danh-sach/" + uploadToken(instance)).file(list("ds.csv",
        StaffListFiles.csv(people(2), ',', true)))).andExpect(status().isOk());
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    greenMail.purgeEmailFromAllMailboxes();
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP_EXCEPT",
        ProcessVariables.REFUSALS.name(), "1: Không có hợp đồng lao động với đơn vị"));

    assertThat(instance).calledProcessInstance().isWaitingAt("Task_EmailStampRefusals");
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).calledProcessInstance().isWaitingAt("Task_SignPasses");
    assertThat(body(single(mailsTo(ORG_EMAIL, "không được duyệt")))).contains(
        "Công an phường không đóng dấu: Không có hợp đồng lao động với đơn vị");
    assertThat(registry.passes(applicationId(instance), PassStatus.AWAITING_STAMP)).hasSize(1);
    assertThat(registry.passes(applicationId(instance), PassStatus.VOIDED)).hasSize(1);
  }

  @Test
  void noListInTime_remindedOnceThenClosedAndTold() throws Exception {
    ProcessInstance instance = registerAndConfirm(2);
    assertThat(instance).isWaitingAt("Gateway_WaitForList");
    assertThat(job().getDuedate()).isAfter(java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(2))));
    execute(caseJob(instance)); // the first wait ends
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Gateway_WaitAfterReminder");
    assertThat(body(single(mailsTo(ORG_EMAIL, "Nhắc gửi danh sách")))).contains("lần nhắc duy nhất");
    String token = uploadToken(instance);
    execute(caseJob(instance)); // the second wait ends
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isEnded().hasPassed("Task_EmailReminder", "EndEvent_RegistrationClosed");
    assertThat(single(mailsTo(ORG_EMAIL, "Đóng hồ sơ")).getSubject()).contains(reference(instance));
    mvc.perform(multipart("/to-chuc/nop-danh-sach/" + token).file(list("ds.xlsx",
            StaffListFiles.xlsx(people(1)))))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("không còn chờ danh sách")));
  }

  @Test
  void listAfterTheReminder_isStillTaken() throws Exception {
    ProcessInstance instance = registerAndConfirm(1);
    execute(caseJob(instance));
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Gateway_WaitAfterReminder");
    sendMail("Re: " + reference(instance), "ds.xlsx", StaffListFiles.xlsx(people(1)));
    awaitTask(instance, "Task_ReviewStaffList");
    assertThat(instance).hasPassed("Event_StaffListReceivedAfterReminder");
  }

  @Test
  void answersToUnmatchedMail_areBounded_butEveryMailIsKept() throws Exception {
    for (int i = 1; i <= 4; i++) {
      sendMail("nguoi-la@example.vn", "Quảng cáo số " + i, List.of());
    }
    sendMail("MAILER-DAEMON@example.vn", "Undelivered Mail Returned to Sender", List.of());
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from "
        + "staff_list_submission where lower(sender) in ('nguoi-la@example.vn', 'mailer-daemon@example.vn')",
        Integer.class) == 5);
    assertThat(mailsTo("nguoi-la@example.vn")).hasSize(StaffListIntake.UNMATCHED_REPLIES_PER_DAY);
    assertThat(mailsTo("MAILER-DAEMON@example.vn")).isEmpty();
  }

  @Test
  void unmatchedMail_isAnsweredKeptAndProcessedOnce() throws Exception {
    sendMail("Danh sách nhân viên tháng 9", "ds.xlsx", StaffListFiles.xlsx(people(1)));
    await().atMost(Duration.ofSeconds(20)).until(() -> !mailsTo("to-chuc@example.vn").isEmpty());
    MimeMessage reply = single(mailsTo("to-chuc@example.vn"));
    assertThat(reply.getSubject()).isEqualTo("Re: Danh sách nhân viên tháng 9 – danh sách chưa được nhận");
    assertThat(body(reply)).contains("không có mã hồ sơ");
    assertThat(reply.getHeader("In-Reply-To")[0]).startsWith("<");

    // Kept: in the mailbox (seen, not deleted), and in the database as a bounded record: the attachment's name,
    // size and hash, not its content (a stranger's mail stores no files).
    MimeMessage[] inbox = greenMail.getReceivedMessagesForDomain(WARD_MAILBOX);
    assertThat(inbox).hasSize(1);
    assertThat(inbox[0].getFlags().contains(Flags.Flag.SEEN)).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from staff_list_submission s join staff_list_file f on "
        + "f.submission_id = s.id where s.status = 'UNMATCHED' and f.content is null and f.sha256 is not null "
        + "and s.subject = ?",
        Integer.class, "Danh sách nhân viên tháng 9")).isEqualTo(1);

    // Polled again as new (e.g. another client marked it unread): recognised by its Message-ID.
    inbox[0].setFlag(Flags.Flag.SEEN, false);
    Thread.sleep(2000);
    assertThat(jdbc.queryForObject("select count(*) from staff_list_submission where subject = ?", Integer.class,
        "Danh sách nhân viên tháng 9")).isEqualTo(1);
    assertThat(mailsTo("to-chuc@example.vn")).hasSize(1);
  }

  @Test
  void unreadableList_isAnsweredWithRowAndColumn_andTheProcessKeepsWaiting() throws Exception {
    ProcessInstance instance = registerAndConfirm(2);
    List<List<Object>> rows = people(2);
    rows.get(2).set(2, "31/02/1990");
    sendMail("Re: " + reference(instance), "ds.xlsx", StaffListFiles.xlsx(rows));
    await().atMost(Duration.ofSeconds(20)).until(() -> !mailsTo("to-chuc@example.vn").isEmpty());
    assertThat(body(single(mailsTo("to-chuc@example.vn"))))
        .contains("Dòng 3, cột \"Ngày sinh\" (ô C3): \"31/02/1990\" không phải ngày hợp lệ");
    assertThat(instance).isWaitingAt("Gateway_WaitForList");

    sendMail("Re: " + reference(instance), "ds.xlsx", StaffListFiles.xlsx(people(3)));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("to-chuc@example.vn").size() == 2);
    assertThat(body(mailsTo("to-chuc@example.vn").get(1))).contains("3 người, nhiều hơn số nhân viên đã đăng ký (2)");
    assertThat(instance).isWaitingAt("Gateway_WaitForList");
  }

  @Test
  void hostileFiles_areRefusedWithAClearMessage() throws Exception {
    ProcessInstance instance = registerAndConfirm(2);
    String token = uploadToken(instance);
    String url = "/to-chuc/nop-danh-sach/" + token;
    mvc.perform(multipart(url).file(list("ds.xlsx", StaffListFiles.zipBomb())))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("nội dung nén bất thường")));
    mvc.perform(multipart(url).file(list("ds.xlsx", "MZ not a workbook".getBytes())))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("nội dung không phải tệp .xlsx")));
    mvc.perform(multipart(url).file(list("ds.xlsx", StaffListFiles.xlsx(people(1))))
            .file(new MockMultipartFile("files", "chay-di.exe", "application/pdf", "MZ".getBytes())))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("loại không được nhận")));
    byte[] big = new byte[50 * 1024 * 1024];
    big[0] = '%';
    big[1] = 'P';
    big[2] = 'D';
    big[3] = 'F';
    // A browser declares the length: refused before anything is read.
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url).content(big)
            .contentType("multipart/form-data; boundary=x"))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("tối đa 20 MB")));
    // Past that gate (no declared length), the intake refuses the file itself.
    mvc.perform(multipart(url).file(list("ds.xlsx", StaffListFiles.xlsx(people(1))))
            .file(new MockMultipartFile("files", "scan.pdf", "application/pdf", big)))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("lớn khoảng 50.0 MB")));
    // The same 50 MB by mail: refused without downloading it, and answered.
    sendMail("Re: " + reference(instance), List.of(
        new Attachment("ds.xlsx", StaffListFiles.xlsx(people(1))), new Attachment("scan.pdf", big)));
    await().atMost(Duration.ofSeconds(60)).until(() -> !mailsTo("to-chuc@example.vn").isEmpty());
    assertThat(body(single(mailsTo("to-chuc@example.vn")))).contains("\"scan.pdf\" lớn khoảng 50.0 MB");
    assertThat(instance).isWaitingAt("Gateway_WaitForList");
    mvc.perform(get("/to-chuc/nop-danh-sach/" + "x".repeat(43))).andExpect(status().isNotFound());
    mvc.perform(get("/to-chuc/mau-danh-sach.xlsx")).andExpect(status().isOk());
  }

  @Test
  void invalidRegistration_startsNothing() {
    Map<String, Object> form = registration(2);
    form.put("taxCode", "01012345");
    form.put("contactEmail", "khong-phai-email");
    assertThatThrownBy(() -> start("cskv.trucbach", form)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Mã số thuế \"01012345\" không hợp lệ")
        .hasMessageContaining("Email liên hệ \"khong-phai-email\" không hợp lệ");
    Map<String, Object> branch = registration(2);
    branch.put("taxCode", "0101234567 001");
    ProcessInstance instance = start("cskv.trucbach", branch);
    assertThat(instance).isWaitingAt("Task_EnterRegistration").variables()
        .containsEntry("taxCode", "0101234567-001");
    assertThatThrownBy(() -> completeTask(instance, "canbo.trucbach", Map.of("staffRequested", 0)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Số nhân viên đề nghị");
    assertThat(instance).isWaitingAt("Task_EnterRegistration");
  }

  // --- helpers

  private ProcessInstance registerAndConfirm(int staff) {
    ProcessInstance instance = start("cskv.trucbach", registration(staff));
    assertThat(instance).isWaitingAt("Task_EnterRegistration");
    assertThat(task()).hasCandidateGroup("officials-" + TRUC_BACH);
    completeTask(instance, "canbo.trucbach", Map.of());
    assertThat(instance).isWaitingAt("Task_EmailConfirmation");
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Gateway_WaitForList");
    return instance;
  }

  private ProcessInstance start(String user, Map<String, Object> form) {
    actAs(user);
    try {
      return runtimeService.startProcessInstanceByKey("organization-pass", form);
    } finally {
      identityService.clearAuthentication();
    }
  }

  public static Map<String, Object> registration(int staff) {
    Map<String, Object> form = new HashMap<>();
    form.put("organizationName", "Công ty CP Thực phẩm Hà Nội");
    form.put("taxCode", "0101234567");
    form.put("organizationAddress", "5 Phố Trúc Bạch, Quận Ba Đình");
    form.put("sector", "Sản xuất, cung ứng lương thực thực phẩm");
    form.put("contactPerson", "Lê Thị Hoa");
    form.put("contactEmail", ORG_EMAIL);
    form.put("contactPhone", "0912345678");
    form.put("staffRequested", staff);
    form.put("purpose", "Đi làm tại cơ sở sản xuất");
    form.put("validFrom", Dates.today().toString());
    form.put("validUntil", Dates.today().plusDays(14).toString());
    return form;
  }

  private void sendMail(String subject, String filename, byte[] content) throws Exception {
    sendMail(subject, List.of(new Attachment(filename, content)));
  }

  /** The organization's mail, through SMTP into the ward mailbox, where the poller finds it. */
  private void sendMail(String subject, List<Attachment> attachments) throws Exception {
    sendMail(ORG_EMAIL_SENDER, subject, attachments);
  }

  private void sendMail(String from, String subject, List<Attachment> attachments) throws Exception {
    WardMails.send(mailSender, from, WARD_MAILBOX, subject,
        "Kính gửi UBND phường, đơn vị gửi danh sách nhân viên kèm theo.", attachments);
  }

  private void awaitTask(ProcessInstance instance, String activityId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.getActiveActivityIds(instance.getId())
        .contains(activityId));
  }

  private String uploadToken(ProcessInstance instance) throws Exception {
    List<MimeMessage> asks = mailsTo(ORG_EMAIL).stream().filter(m -> subject(m).contains(reference(instance)))
        .toList();
    Matcher m = UPLOAD_LINK.matcher(body(asks.get(asks.size() - 1)));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static MockMultipartFile list(String filename, byte[] content) {
    return new MockMultipartFile("files", filename, "application/octet-stream", content);
  }

  private List<MimeMessage> mailsTo(String address, String... subjectParts) {
    return Arrays.stream(greenMail.getReceivedMessagesForDomain(address))
        .filter(m -> Arrays.stream(subjectParts).allMatch(p -> subject(m).contains(p))).toList();
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MimeMessage single(List<MimeMessage> mails) {
    assertThat(mails).hasSize(1);
    return mails.get(0);
  }

  /** The mail's text as a reader sees it (HTML entities decoded). */
  private static String body(MimeMessage message) throws Exception {
    return org.springframework.web.util.HtmlUtils.htmlUnescape(rawBody(message));
  }

  private static String rawBody(MimeMessage message) throws Exception {
    Object content = message.getContent();
    if (content instanceof Multipart multipart) {
      Object first = multipart.getBodyPart(0).getContent();
      if (first instanceof Multipart alternative) {
        return alternative.getBodyPart(0).getContent().toString();
      }
      return first.toString();
    }
    return content.toString();
  }

  private String reference(ProcessInstance instance) {
    return (String) historicVariable(instance, ProcessVariables.REFERENCE.name());
  }

  private long applicationId(ProcessInstance instance) {
    return (Long) historicVariable(instance, ProcessVariables.APPLICATION_ID.name());
  }

  /** Read from history: the instance may have ended. */
  private Object historicVariable(ProcessInstance instance, String name) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(name).singleResult().getValue();
  }
}
