package vn.giaydiduong.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.web.servlet.MockMvc;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.intake.StaffListFiles;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.HouseholdStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassDocuments;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.pdf.PdfAssertions;
import vn.giaydiduong.qr.DecodedPass;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.rules.DayRule;
import vn.giaydiduong.rules.MarketDayRules;
import vn.giaydiduong.rules.RuleVersion;
import vn.giaydiduong.testing.ProcessCoverage;
import vn.giaydiduong.testing.ProcessTestSupport;
import vn.giaydiduong.ward.WardRegistry;
import vn.giaydiduong.ward.Zone;

/**
 * Every path of {@code market-card} with the real delegates, decision tables, database, signing and PDF
 * rendering. Runs on H2 and, in {@link MarketCardProcessPostgresTest}, on a real PostgreSQL.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({ProcessCoverage.CompleteBesidesIndividualPasses.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class MarketCardProcessTest extends ProcessTestSupport {

  static final String PHUC_XA = "00001";
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_HOUSEHOLD =
      new java.util.concurrent.atomic.AtomicInteger();

  @Autowired HouseholdStore households;
  @Autowired PassRegistry registry;
  @Autowired PassCodec codec;
  @Autowired SigningKeyStore keys;
  @Autowired PassDocuments documents;
  @Autowired WardRegistry wards;
  @Autowired MockMvc mvc;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void everyHouseholdApproved_cardsCarryTheirMarketDaysAndGoToTheRepresentatives() throws Exception {
    ProcessInstance instance = start("cskv.trucbach", String.join("\n",
        "Họ tên chủ hộ\tHọ tên người đi chợ\tSố CCCD/CMND\tSố điện thoại\tĐịa chỉ\tSố nhân khẩu\tSố hộ khẩu",
        "Trần Văn Hùng\tNguyễn Thị Lan\t001185000321\t0912345678\tSố 5 phố Hòe Nhai\t4\tTB-0104",
        "Lê Văn Bình\tLê Văn Bình\t001090000456\t\tSố 9 ngõ Trúc Lạc\t2"));

    assertThat(instance).isWaitingAt("Task_ReviewHouseholds");
    assertThat(task()).hasCandidateGroup("officials-" + TRUC_BACH);
    assertThat(instance).variables().containsEntry(ProcessVariables.HOUSEHOLD_COUNT.name(), 2)
        .containsEntry(ProcessVariables.FLAGGED_COUNT.name(), 0)
        .doesNotContainKeys(ProcessVariables.HOUSEHOLDS_TABLE.name(), ProcessVariables.HOUSEHOLDS.name());
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));

    assertThat(instance).hasPassed("Task_AssignMarketCards").isWaitingAt("Call_StampAndSign")
        .calledProcessInstance().isWaitingAt("Task_StampPasses");
    assertThat(openTask(instance)).hasCandidateGroup("police-" + TRUC_BACH);
    // The shared stamp model, with the market cards' own form (the caller names it) and table of cards.
    assertThat(processEngine.getFormService().getTaskFormData(openTask(instance).getId()).getCamundaFormRef()
        .getKey()).isEqualTo("stamp-market-cards");
    assertThat(processEngine.getTaskService().getVariables(openTask(instance).getId()))
        .containsKey(ProcessVariables.CARDS.name()).doesNotContainKey(ProcessVariables.PASSES.name());
    long applicationId = applicationId(instance);
    DecisionDefinition marketDays = processEngine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(MarketDayRules.DECISION).latestVersion().singleResult();
    List<Pass> awaiting = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    assertThat(awaiting).hasSize(2).allSatisfy(card -> {
      assertThat(card.kind()).isEqualTo(PassKind.MARKET_CARD);
      assertThat(card.validFrom()).isEqualTo(Dates.today());
      // Trúc Bạch is a green ward: 14 days, odd cards Mon/Wed/Fri/Sun, even cards Tue/Thu/Sat/Sun (market-days.dmn).
      assertThat(card.validUntil()).isEqualTo(Dates.today().plusDays(13));
      assertThat(card.dayRule()).isEqualTo(serial(card) % 2 == 1 ? "1,3,5,7@06:00-18:00" : "2,4,6,7@06:00-18:00");
      // The card keeps the table version that decided it (docs/changing-rules.md).
      assertThat(card.rule()).isEqualTo(new RuleVersion(marketDays.getId(), marketDays.getVersion()));
    });
    assertThat(awaiting).extracting(Pass::holderName).containsExactly("Nguyễn Thị Lan", "Lê Văn Bình");
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));

    assertThat(instance).calledProcessInstance().isWaitingAt("Task_SignPasses");
    execute(caseJob(instance));
    assertThat(instance).calledProcessInstance().isWaitingAt("Task_RenderPassBundle");
    execute(caseJob(instance));
    assertThat(instance).isWaitingAt("Task_DeliverMarketCards");
    assertThat(task()).hasCandidateGroup("cskv-" + TRUC_BACH);

    List<Pass> issued = registry.passes(applicationId, PassStatus.ISSUED);
    assertThat(issued).hasSize(2);
    assertPrintBundleCarriesTheSignedDayRules(applicationId, issued);

    assertThatThrownBy(() -> completeTask(instance, "cskv.trucbach", Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Hãy xác nhận đã giao tận tay");
    completeTask(instance, "cskv.trucbach", Map.of(ProcessVariables.DELIVERED_TO_REPRESENTATIVES.name(), true));
    assertThat(instance).isEnded().hasPassed("EndEvent_CardsDelivered");
    assertThat(registry.passes(applicationId, PassStatus.DELIVERED)).extracting(Pass::deliveredTo)
        .containsExactly("Nguyễn Thị Lan (CCCD/CMND 001******321)", "Lê Văn Bình (CCCD/CMND 001******456)");
  }

  @Test
  void someHouseholdsRejected_onlyTheApprovedGetCardsAndCskvSeesTheRejected() {
    ProcessInstance instance = start("cskv.trucbach", rows(3));
    long applicationId = applicationId(instance);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "PARTIAL",
        ProcessVariables.REJECTIONS.name(), "2: Hộ không cư trú tại phường"));

    assertThat(instance).isWaitingAt("Call_StampAndSign").calledProcessInstance().isWaitingAt("Task_StampPasses");
    assertThat(registry.passes(applicationId, PassStatus.AWAITING_STAMP)).extracting(Pass::holderName)
        .containsExactly("Người Đi Chợ Một", "Người Đi Chợ Ba");
    assertThat(households.households(applicationId, Decision.REJECTED)).extracting(h -> h.decisionReason())
        .containsExactly("Hộ không cư trú tại phường");

    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    execute(caseJob(instance));
    execute(caseJob(instance));
    List<Pass> cards = registry.passes(applicationId, PassStatus.ISSUED);
    String absent = cards.get(1).passNumber();
    // The CSKV's delivery form lists the rejected households, to tell them in person.
    assertThat(instance).isWaitingAt("Task_DeliverMarketCards");
    JsonNode rejected = variable(instance, ProcessVariables.REJECTED_HOUSEHOLDS.name());
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).get("headName").asText()).isEqualTo("Hoàng Văn Hai");

    // One household was out: its card comes back in a new delivery task; the other is recorded as handed over.
    assertThatThrownBy(() -> completeTask(instance, "cskv.trucbach", Map.of(
        ProcessVariables.DELIVERED_TO_REPRESENTATIVES.name(), true,
        ProcessVariables.UNDELIVERED_CARDS.name(), "00004-999999: Không có thẻ này")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("không có trong các thẻ chờ giao");
    completeTask(instance, "cskv.trucbach", Map.of(ProcessVariables.DELIVERED_TO_REPRESENTATIVES.name(), true,
        ProcessVariables.UNDELIVERED_CARDS.name(), absent + ": Hộ đi vắng, hẹn giao ngày mai"));
    assertThat(instance).hasPassed("Gateway_AllCardsDelivered").isWaitingAt("Task_DeliverMarketCards");
    assertThat(registry.passes(applicationId, PassStatus.DELIVERED)).extracting(Pass::passNumber)
        .containsExactly(cards.get(0).passNumber());
    assertThat(variable(instance, ProcessVariables.CARDS.name())).hasSize(1);
    assertThat(variable(instance, ProcessVariables.CARDS.name()).get(0).get("passNumber").asText()).isEqualTo(absent);
    assertThat(runtimeService.getVariable(instance.getId(), ProcessVariables.DELIVERED_TO_REPRESENTATIVES.name()))
        .isNull();

    completeTask(instance, "cskv.trucbach", Map.of(ProcessVariables.DELIVERED_TO_REPRESENTATIVES.name(), true));
    assertThat(instance).isEnded().hasPassed("EndEvent_CardsDelivered");
    assertThat(registry.passes(applicationId, PassStatus.DELIVERED)).hasSize(2);
  }

  @Test
  void everyHouseholdRejected_processEndsAfterCskvTellsThem() {
    ProcessInstance instance = start("cskv.trucbach", rows(2));
    long applicationId = applicationId(instance);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL",
        ProcessVariables.REJECT_ALL_REASON.name(), "Danh sách lập sai khu vực"));

    assertThat(instance).isWaitingAt("Task_InformHouseholdsRejected");
    assertThat(task()).hasCandidateGroup("cskv-" + TRUC_BACH);
    assertThat(variable(instance, ProcessVariables.REJECTED_HOUSEHOLDS.name())).hasSize(2);
    completeTask(instance, "cskv.trucbach", Map.of());
    assertThat(instance).isEnded().hasPassed("EndEvent_AllRejected").hasNotPassed("Task_AssignMarketCards");
    assertThat(households.households(applicationId, Decision.REJECTED)).hasSize(2);
    assertThat(registry.passes(applicationId, PassStatus.AWAITING_STAMP)).isEmpty();
  }

  @Test
  void policeReturnTheList_cardsAreVoidedAndTheHouseholdsReviewedAgain() {
    ProcessInstance instance = start("cskv.trucbach", rows(2));
    long applicationId = applicationId(instance);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    List<Pass> first = registry.passes(applicationId, PassStatus.AWAITING_STAMP);

    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "RETURN",
        ProcessVariables.RETURN_REASON.name(), "Hộ số 2 đã chuyển đi nơi khác"));

    assertThat(instance).hasPassed("Call_StampAndSign").isWaitingAt("Task_ReviewHouseholds");
    assertThat(registry.passes(applicationId, PassStatus.VOIDED)).hasSize(2);
    assertThat(households.households(applicationId, Decision.PENDING)).hasSize(2);
    assertThat(variable(instance, ProcessVariables.HOUSEHOLD_ROWS.name())).hasSize(2);
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "PARTIAL",
        ProcessVariables.REJECTIONS.name(), "2: Đã chuyển đi nơi khác"));

    List<Pass> renumbered = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    assertThat(renumbered).hasSize(1);
    assertThat(serial(renumbered.get(0))).isEqualTo(serial(first.get(1)) + 1);
  }

  @Test
  void aSecondCardForTheSameHousehold_isFlaggedToTheReviewer() {
    ProcessInstance firstList = start("cskv.trucbach",
        "Phạm Văn Cường; Phạm Thị Mai; 001190000777; ; Số 12 ngõ Hàng Bún; 3\n"
            + "Đỗ Văn Nam; Đỗ Thị Hoa; 001192000888; ; Số 14 ngõ Hàng Bún; 5");
    completeTask(firstList, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    List<Pass> cards = registry.passes(applicationId(firstList), PassStatus.AWAITING_STAMP);

    ProcessInstance secondList = start("cskv.trucbach",
        "Phạm Văn Cường; Phạm Văn Dũng; 001188000999; ; số 12, ngõ Hàng Bún; 3\n"
            + "Trịnh Văn Tâm; Đỗ Thị Hoa; 001192000888; ; Số 30 phố Quán Thánh; 2\n"
            + "Vũ Văn Khải; Vũ Thị Yến; 001195000111; ; Số 2 phố Châu Long; 4");

    assertThat(secondList).variables().containsEntry(ProcessVariables.FLAGGED_COUNT.name(), 2);
    JsonNode rows = variable(secondList, ProcessVariables.HOUSEHOLD_ROWS.name());
    assertThat(rows.get(0).get("warning").asText()).startsWith("⚠").contains("đã có thẻ " + cards.get(0).passNumber(),
        "còn hạn đến " + Dates.format(cards.get(0).validUntil()), "cùng địa chỉ");
    assertThat(rows.get(1).get("warning").asText()).contains("đã có thẻ " + cards.get(1).passNumber(),
        "cùng người đi chợ");
    assertThat(rows.get(2).get("warning").asText()).isEmpty();
  }

  @Test
  void zoneChangeOfTheWard_changesTheDaysOfCardsNumberedAfterIt() {
    ProcessInstance instance = start("cskv.phucxa", rows(2));
    wards.changeZone(PHUC_XA, Zone.RED, "test");
    try {
      completeTask(instance, "canbo.phucxa", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    } finally {
      wards.changeZone(PHUC_XA, Zone.GREEN, "test");
    }
    assertThat(registry.passes(applicationId(instance), PassStatus.AWAITING_STAMP)).hasSize(2).allSatisfy(card -> {
      assertThat(card.zone()).isEqualTo(Zone.RED);
      assertThat(card.validUntil()).isEqualTo(Dates.today().plusDays(6));
      assertThat(card.dayRule()).isEqualTo(serial(card) % 2 == 1 ? "1,4@06:00-08:00" : "2,5@06:00-08:00");
    });
  }

  @Test
  void passValidity_isDecidedByTheZoneOfTheRegisteringWard() {
    List<Map<String, Object>> fifteenDays = residents(1); // today .. today + 14
    wards.changeZone(PHUC_XA, Zone.RED, "test");
    try {
      assertThatThrownBy(() -> register("cskv.phucxa", fifteenDays)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("thời hạn đề nghị dài quá 7 ngày");
    } finally {
      wards.changeZone(PHUC_XA, Zone.GREEN, "test");
    }
    assertThat(register("cskv.phucxa", fifteenDays)).isWaitingAt("Task_ReviewList");
  }

  @Test
  void invalidLists_areRefusedWithTheRowAndStartNothing() {
    long before = runtimeService.createProcessInstanceQuery().count();
    assertThatThrownBy(() -> start("cskv.trucbach", "Trần Văn Hùng; Nguyễn Thị Lan; 12345; ; Số 5 Hòe Nhai; 0"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(
            "Hộ thứ 1 (chủ hộ Trần Văn Hùng): số CCCD/CMND \"12345\" không hợp lệ")
        .hasMessageContaining("số nhân khẩu \"0\" phải là số từ 1 đến 50");
    assertThatThrownBy(() -> start("cskv.trucbach", "Trần Văn Hùng; Nguyễn Thị Lan; 001185000321; ; Số 5; 4\n"
        + "Lê Văn Bình; Nguyễn Thị Lan; 001185000321; ; Số 9; 2"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Hộ thứ 2 (chủ hộ Lê Văn Bình)")
        .hasMessageContaining("đã đại diện cho hộ thứ 1");
    assertThatThrownBy(() -> start("cskv.trucbach", " ")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Danh sách hộ gia đình đang trống");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void onlyCskvOfAWardMayListHouseholds() {
    assertThatThrownBy(() -> start("canbo.trucbach", rows(1))).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> start("demo", rows(1))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Cảnh sát khu vực của đúng một phường");
  }

  @Test
  void spreadsheetUpload_startsTheProcessAsTheCskv() throws Exception {
    byte[] xlsx = StaffListFiles.xlsx(List.<List<Object>>of(
        List.of("Họ tên chủ hộ", "Họ tên người đi chợ", "Số CCCD/CMND", "Số điện thoại", "Địa chỉ", "Số nhân khẩu"),
        List.of("Ngô Văn Sơn", "Ngô Thị Hạnh", "001187000555", "0987654321", "Số 3 phố Trúc Bạch",
            3))); // a number cell, as Excel keeps "3"
    String response = mvc.perform(multipart("/api/market-cards/households")
            .file(new MockMultipartFile("file", "ho-gia-dinh.xlsx", null, xlsx))
            .header("Authorization", basic("cskv.trucbach")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.householdCount").value(1))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    String instanceId = json.readTree(response).get("processInstanceId").asText();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
    assertThat(instance).isWaitingAt("Task_ReviewHouseholds").hasBusinessKey(
        json.readTree(response).get("reference").asText());
    assertThat(households.households(applicationId(instance))).singleElement().satisfies(h -> {
      assertThat(h.representativeName()).isEqualTo("Ngô Thị Hạnh");
      assertThat(h.memberCount()).isEqualTo(3);
    });

    mvc.perform(multipart("/api/market-cards/households")
            .file(new MockMultipartFile("file", "ho.xls", null, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11,
                (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}))
            .header("Authorization", basic("cskv.trucbach")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("(.xls) không được nhận")));
    mvc.perform(multipart("/api/market-cards/households")
            .file(new MockMultipartFile("file", "ho.csv", "text/csv",
                "Ngô Văn Sơn;Ngô Thị Hạnh;001187000555;;Số 3;3".getBytes(StandardCharsets.UTF_8)))
            .header("Authorization", basic("canbo.trucbach")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("Cảnh sát khu vực")));
  }

  /** Reads the print bundle as a person and a checkpoint would: the printed days are the signed rule's days. */
  private void assertPrintBundleCarriesTheSignedDayRules(long applicationId, List<Pass> issued) throws Exception {
    try (PDDocument pdf = PdfAssertions.load(documents.bundle(applicationId).orElseThrow())) {
      String text = PdfAssertions.pageText(pdf, 0);
      assertThat(text).contains("THẺ ĐI CHỢ", "Người đi chợ:", "Nguyễn Thị Lan", "Chủ hộ Trần Văn Hùng — 4 nhân khẩu",
          "Số 5 phố Hòe Nhai", "Phường Trúc Bạch", "Ngày đi chợ:", "Vùng xanh");
      var page = PdfAssertions.renderPage(pdf, 0);
      for (int cell = 0; cell < issued.size(); cell++) {
        DecodedPass decoded = codec.decode(PdfAssertions.decodeQr(PdfAssertions.cell(page, cell, 0)));
        assertThat(codec.verifySignature(decoded, keys.publicKey(decoded.kid()).orElseThrow())).isTrue();
        assertThat(decoded.claims().kind()).isEqualTo(PassKind.MARKET_CARD);
        assertThat(decoded.claims().passId()).isEqualTo(issued.get(cell).passNumber());
        DayRule signed = DayRule.parse(decoded.claims().dayRule());
        assertThat(signed.format()).isEqualTo(issued.get(cell).dayRule());
        // The days printed next to the QR code are the signed rule's days.
        assertThat(text).contains(signed.vietnamese(),
            "Có giá trị từ " + Dates.format(decoded.claims().validFrom()) + " đến "
                + Dates.format(decoded.claims().validUntil()));
        assertThat(signed.days()).contains(DayOfWeek.SUNDAY);
      }
      assertThat(text).contains("Thứ 2, 4, 6, Chủ nhật — 6h00–18h00", "Thứ 3, 5, 7, Chủ nhật — 6h00–18h00");
    }
  }

  private ProcessInstance start(String cskvUser, String pastedRows) {
    actAs(cskvUser);
    try {
      return runtimeService.startProcessInstanceByKey("market-card",
          Map.of(ProcessVariables.HOUSEHOLDS_TABLE.name(), pastedRows));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** {@code count} households no other test lists, pasted with semicolons. */
  private static String rows(int count) {
    String[][] people = {{"Hoàng Văn Một", "Người Đi Chợ Một"}, {"Hoàng Văn Hai", "Người Đi Chợ Hai"},
        {"Hoàng Văn Ba", "Người Đi Chợ Ba"}};
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < count; i++) {
      int serial = NEXT_HOUSEHOLD.incrementAndGet();
      rows.append("%s; %s; 001180%06d; ; Số %d phố Mẫu Thử; 3\n".formatted(people[i][0], people[i][1], serial,
          serial));
    }
    return rows.toString();
  }

  private JsonNode variable(ProcessInstance instance, String name) {
    try {
      return json.readTree(ProcessVariables.jsonText(runtimeService.getVariable(instance.getId(), name)));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private long applicationId(ProcessInstance instance) {
    return (Long) runtimeService.getVariable(instance.getId(), ProcessVariables.APPLICATION_ID.name());
  }

  private static long serial(Pass pass) {
    return Long.parseLong(pass.passNumber().substring(pass.passNumber().indexOf('-') + 1));
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":test-password").getBytes(StandardCharsets.UTF_8));
  }
}
