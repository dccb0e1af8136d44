package vn.giaydiduong.individual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassDocuments;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.pdf.PdfAssertions;
import vn.giaydiduong.qr.DecodedPass;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.testing.ProcessCoverage;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Every path of {@code individual-pass} with the real delegates, database, signing, PDF rendering and mail
 * server. Runs on H2 and, in {@link IndividualPassProcessPostgresTest}, on a real PostgreSQL.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import({ProcessCoverage.Complete.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class IndividualPassProcessTest extends ProcessTestSupport {

  @Autowired ApplicationStore applications;
  @Autowired PassRegistry registry;
  @Autowired PassCodec codec;
  @Autowired SigningKeyStore keys;
  @Autowired JavaMailSender mailSender;
  @Autowired PassDocuments documents;

  @Test
  void everyoneApproved_passesAreStampedRenderedAndDelivered() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", residents(2));

    assertThat(instance).isWaitingAt("Task_ReviewList");
    assertThat(task()).hasCandidateGroup("officials-" + TRUC_BACH);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));

    assertThat(instance).hasPassed("Task_AssignPassNumbers").isWaitingAt("Call_StampAndSign")
        .calledProcessInstance().isWaitingAt("Task_StampPasses");
    assertThat(openTask(instance)).hasCandidateGroup("police-" + TRUC_BACH);
    long applicationId = applicationId(instance);
    assertThat(registry.passes(applicationId, PassStatus.AWAITING_STAMP)).hasSize(2);
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));

    assertThat(instance).calledProcessInstance().isWaitingAt("Task_SignPasses");
    execute(caseJob(instance));
    assertThat(instance).calledProcessInstance().isWaitingAt("Task_RenderPassBundle");
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Task_DeliverPasses");
    assertThat(task()).hasCandidateGroup("cskv-" + TRUC_BACH);

    List<Pass> issued = registry.passes(applicationId, PassStatus.ISSUED);
    assertThat(issued).hasSize(2).allSatisfy(pass -> {
      assertThat(pass.stampedBy()).isEqualTo("congan.trucbach");
      var decoded = codec.decode(pass.qrText());
      assertThat(codec.verifySignature(decoded, keys.publicKey(decoded.kid()).orElseThrow())).isTrue();
      assertThat(decoded.claims().passId()).isEqualTo(pass.passNumber());
      assertThat(decoded.claims().holderName()).isEqualTo(pass.holderName());
    });
    assertThat(issued).extracting(Pass::holderName).containsExactly("Nguyễn Thị Hằng", "Đặng Văn Ưng");
    assertPrintBundleCarriesTheSignedPasses(applicationId, issued);

    completeTask(instance, "cskv.trucbach",
        Map.of(ProcessVariables.DELIVERED_TO.name(), "Từng người dân theo danh sách"));
    assertThat(instance).isEnded().hasPassed("EndEvent_PassesDelivered").hasNotPassed("Task_EmailRejections");
    assertThat(registry.passes(applicationId, PassStatus.DELIVERED)).hasSize(2)
        .allSatisfy(p -> assertThat(p.deliveredTo()).isEqualTo("Từng người dân theo danh sách"));
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void someRejected_rejectedAreEmailedOnceAndTheRestGetPasses() throws Exception {
    List<Map<String, Object>> people = residents(3);
    people.get(2).remove("email");
    ProcessInstance instance = register("cskv.trucbach", people);
    long applicationId = applicationId(instance);

    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "PARTIAL",
        ProcessVariables.REJECTIONS.name(),
        "2: Không thuộc đối tượng được đi lại\n3: Giấy tờ nơi làm việc không hợp lệ"));

    assertThat(instance).isWaitingAt("Task_EmailRejections");
    execute(caseJob(instance));
    MimeMessage[] mails = greenMail.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("nguoidan1@example.vn");
    assertThat(mails[0].getSubject()).isEqualTo("Kết quả xét duyệt giấy đi đường – Phường Trúc Bạch");
    assertThat((String) mails[0].getContent()).contains("Đặng Văn Ưng", "không được duyệt",
        "Không thuộc đối tượng được đi lại");

    assertThat(instance).isWaitingAt("Task_EmailRejections"); // the save point after the mail
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    assertThat(applications.applicants(applicationId, Decision.REJECTED)).extracting(a -> a.decisionReason())
        .containsExactly("Không thuộc đối tượng được đi lại", "Giấy tờ nơi làm việc không hợp lệ");
    assertThat(registry.passes(applicationId, PassStatus.AWAITING_STAMP)).extracting(Pass::holderName)
        .containsExactly("Nguyễn Thị Hằng");

    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Task_DeliverPasses");
    completeTask(instance, "cskv.trucbach", Map.of(ProcessVariables.DELIVERED_TO.name(), "Nguyễn Thị Hằng"));
    assertThat(instance).isEnded().hasPassed("Task_EmailRejections", "EndEvent_PassesDelivered");
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void everyoneRejected_processEndsAfterCskvInformsThem() {
    ProcessInstance instance = register("cskv.trucbach", residents(2));
    long applicationId = applicationId(instance);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL",
        ProcessVariables.REJECT_ALL_REASON.name(), "Nơi làm việc không thuộc ngành được phép hoạt động"));

    assertThat(instance).isWaitingAt("Task_EmailRejections");
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(greenMail.getReceivedMessages()).hasSize(2);
    assertThat(instance).isWaitingAt("Task_InformRejected");
    assertThat(task()).hasCandidateGroup("cskv-" + TRUC_BACH);
    completeTask(instance, "cskv.trucbach", Map.of());

    assertThat(instance).isEnded().hasPassed("EndEvent_AllRejected").hasNotPassed("Task_AssignPassNumbers");
    assertThat(applications.applicants(applicationId, Decision.REJECTED)).hasSize(2)
        .allSatisfy(a -> assertThat(a.rejectionNotifiedAt()).isNotNull());
    assertThat(registry.passes(applicationId, PassStatus.AWAITING_STAMP)).isEmpty();
  }

  @Test
  void policeReturnTheList_passesAreVoidedAndTheListIsReviewedAgain() {
    ProcessInstance instance = register("cskv.trucbach", residents(2));
    long applicationId = applicationId(instance);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    List<String> firstNumbers = registry.passes(applicationId, PassStatus.AWAITING_STAMP).stream()
        .map(Pass::passNumber).toList();

    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "RETURN",
        ProcessVariables.RETURN_REASON.name(), "Người số 2 đang bị cách ly tại nhà"));

    assertThat(instance).hasPassed("Call_StampAndSign").isWaitingAt("Task_ReviewList");
    assertThat(registry.passes(applicationId, PassStatus.VOIDED)).extracting(Pass::passNumber)
        .containsExactlyElementsOf(firstNumbers);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "PARTIAL",
        ProcessVariables.REJECTIONS.name(), "2: Đang bị cách ly tại nhà"));
    execute(caseJob(instance));
    execute(caseJob(instance));

    assertThat(instance).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    List<Pass> renumbered = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    assertThat(renumbered).hasSize(1);
    // Gap-free and never reused: the new number follows the voided ones.
    assertThat(serial(renumbered.get(0).passNumber())).isEqualTo(serial(firstNumbers.get(1)) + 1);
  }

  @Test
  void registrationPastedIntoTheStartForm_goesToTheOfficialsOfTheCskvsOwnWard() {
    String from = Dates.format(Dates.today());
    String until = Dates.format(Dates.today().plusDays(7));
    ProcessInstance instance = registerPasted("cskv.phucxa", String.join("\n",
        "Họ và tên\tNgày sinh\tSố CCCD/CMND\tSố điện thoại\tEmail\tNơi ở\tNơi làm việc\tNơi đến\tMục đích"
            + "\tTừ ngày\tĐến ngày",
        "Lê Văn Bình\t01/02/1990\t001090123456\t0987654321\t\t3 Phố Phúc Xá\tNhà máy nước Yên Phụ"
            + "\tNhà máy nước Yên Phụ\tĐi làm (cấp nước)\t" + from + "\t" + until));

    assertThat(instance).isWaitingAt("Task_ReviewList").hasBusinessKey(
        ProcessVariables.reference(applicationId(instance)));
    assertThat(task()).hasCandidateGroup("officials-00001");
    assertThat(instance).variables().containsEntry(ProcessVariables.APPLICANT_COUNT.name(), 1)
        .containsEntry(ProcessVariables.WARD_CODE.name(), "00001")
        .doesNotContainKeys(ProcessVariables.RESIDENTS_TABLE.name(), ProcessVariables.RESIDENTS.name());
  }

  @Test
  void policeRefuseOnePass_itIsVoidedItsHolderToldAndTheRestStamped() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", residents(2));
    long applicationId = applicationId(instance);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    List<Pass> numbered = registry.passes(applicationId, PassStatus.AWAITING_STAMP);

    assertThatThrownBy(() -> completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(),
        "STAMP_EXCEPT", ProcessVariables.REFUSALS.name(), "1: Không khớp ảnh\n2: Không khớp ảnh")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Trả lại cán bộ phường");
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP_EXCEPT",
        ProcessVariables.REFUSALS.name(), "2: Ảnh trên CCCD không khớp người đăng ký"));

    assertThat(instance).calledProcessInstance().isWaitingAt("Task_EmailStampRefusals");
    execute(caseJob(instance));
    MimeMessage told = greenMail.getReceivedMessages()[0];
    assertThat(told.getAllRecipients()[0].toString()).isEqualTo("nguoidan1@example.vn");
    assertThat((String) told.getContent()).contains("Công an phường không đóng dấu: Ảnh trên CCCD không khớp");
    execute(caseJob(instance));
    assertThat(instance).calledProcessInstance().isWaitingAt("Task_SignPasses");
    execute(caseJob(instance));
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Task_DeliverPasses");
    assertThat(registry.passes(applicationId, PassStatus.ISSUED)).extracting(Pass::passNumber)
        .containsExactly(numbered.get(0).passNumber());
    assertThat(registry.passes(applicationId, PassStatus.VOIDED)).extracting(Pass::passNumber)
        .containsExactly(numbered.get(1).passNumber());
    assertThat(applications.applicants(applicationId, Decision.REJECTED)).singleElement()
        .satisfies(a -> assertThat(a.decisionReason()).startsWith("Công an phường không đóng dấu: "));
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void invalidRegistrations_areRefusedAndStartNothing() {
    long instancesBefore = runtimeService.createProcessInstanceQuery().count();

    var badId = residents(1);
    badId.get(0).put("idNumber", "00108501");
    assertRefused(badId, "Người thứ 1 (Nguyễn Thị Hằng): số CCCD/CMND \"00108501\" không hợp lệ");

    var wrongYear = residents(1);
    wrongYear.get(0).put("idNumber", "001090000123");
    assertRefused(wrongYear, "không khớp năm sinh 1985");

    var backwards = residents(1);
    backwards.get(0).put("validUntil", backwards.get(0).get("validFrom").toString().replace("20", "19"));
    assertRefused(backwards, "trước ngày bắt đầu");

    assertRefused(List.of(), "Danh sách người đề nghị cấp giấy đi đường đang trống");

    var hugeName = residents(1);
    hugeName.get(0).put("fullName", "A".repeat(10 * 1024 * 1024));
    assertRefused(hugeName, "họ và tên dài 10485760 ký tự, tối đa 100");

    var twice = residents(2);
    twice.get(1).put("idNumber", twice.get(0).get("idNumber"));
    assertRefused(twice, "trùng với người thứ 1");

    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
  }

  @Test
  void onlyCskvOfAWardMayRegister() {
    assertThatThrownBy(() -> register("canbo.trucbach", residents(1)))
        .isInstanceOf(AuthorizationException.class);
    // The administrator may start any process, but belongs to no ward: the registration has no ward to go to.
    assertThatThrownBy(() -> register("demo", residents(1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Cảnh sát khu vực của đúng một phường");
  }

  @Test
  void reviewNamingAnUnknownPerson_isRefusedAndTheTaskStaysOpen() {
    ProcessInstance instance = register("cskv.trucbach", residents(2));
    assertThatThrownBy(() -> completeTask(instance, "canbo.trucbach", Map.of(
        ProcessVariables.REVIEW_OUTCOME.name(), "PARTIAL",
        ProcessVariables.REJECTIONS.name(), "7: Không có trong danh sách")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("không có người số thứ tự 7");
    assertThat(instance).isWaitingAt("Task_ReviewList");
    assertThat(applications.applicants(applicationId(instance), Decision.PENDING)).hasSize(2);
  }

  @Test
  void mailServerOutage_becomesRetriesAndEveryoneIsToldExactlyOnce() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", residents(2));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL",
        ProcessVariables.REJECT_ALL_REASON.name(), "Không thuộc đối tượng được cấp"));
    assertThat(instance).isWaitingAt("Task_EmailRejections");
    Job mailJob = job();

    JavaMailSenderImpl sender = (JavaMailSenderImpl) mailSender;
    int smtpPort = sender.getPort();
    sender.setPort(closedPort());
    try {
      assertThatThrownBy(() -> processEngine.getManagementService().executeJob(mailJob.getId()))
          .hasRootCauseInstanceOf(java.net.ConnectException.class);
    } finally {
      sender.setPort(smtpPort);
    }
    Job failed = processEngine.getManagementService().createJobQuery().jobId(mailJob.getId()).singleResult();
    assertThat(failed.getRetries()).isEqualTo(4);
    assertThat(failed.getExceptionMessage()).isNotBlank();

    execute(failed);
    execute(caseJob(instance));
    assertThat(greenMail.getReceivedMessages()).hasSize(2);
    assertThat(instance).isWaitingAt("Task_InformRejected");
  }

  /** Reads the rendered print bundle as a person and a checkpoint scanner would. */
  private void assertPrintBundleCarriesTheSignedPasses(long applicationId, List<Pass> issued) throws Exception {
    try (PDDocument pdf = PdfAssertions.load(documents.bundle(applicationId).orElseThrow())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(1);
      assertThat(PdfAssertions.pageText(pdf, 0)).contains("GIẤY ĐI ĐƯỜNG", "Nguyễn Thị Hằng", "Đặng Văn Ưng",
          "Công an phường Trúc Bạch", issued.get(0).passNumber(), issued.get(1).passNumber());
      BufferedImage page = PdfAssertions.renderPage(pdf, 0);
      for (int cell = 0; cell < issued.size(); cell++) {
        String scanned = PdfAssertions.decodeQr(PdfAssertions.cell(page, cell, 0));
        DecodedPass decoded = codec.decode(scanned);
        assertThat(codec.verifySignature(decoded, keys.publicKey(decoded.kid()).orElseThrow())).isTrue();
        assertThat(decoded.claims().passId()).isEqualTo(issued.get(cell).passNumber());
        assertThat(decoded.claims().issuer()).isEqualTo("CA-" + TRUC_BACH);
      }
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private long applicationId(ProcessInstance instance) {
    return (Long) runtimeService.getVariable(instance.getId(), ProcessVariables.APPLICATION_ID.name());
  }

  private static long serial(String passNumber) {
    return Long.parseLong(passNumber.substring(passNumber.indexOf('-') + 1));
  }

  private void assertRefused(List<Map<String, Object>> residents, String message) {
    assertThatThrownBy(() -> register("cskv.trucbach", residents))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
  }
}
