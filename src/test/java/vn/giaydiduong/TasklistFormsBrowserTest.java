package vn.giaydiduong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.intake.StaffListFiles;
import vn.giaydiduong.organization.StaffListIntake;
import vn.giaydiduong.organization.StaffListSubmissions.IncomingFile;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.testing.CaseTasks;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Every Camunda Form of the product in Camunda Tasklist 7.24 (its bundled form-js 1.8.7), in real headless
 * Chromium, as the ward's officials use it: log in, start a process, read the form (templated texts, tables over
 * Json variables), claim, fill in, complete. The engine then confirms what the clicks did. Async jobs are run by
 * the test (the test profile has no job executor). A failing step leaves a screenshot in target/tasklist-screenshots.
 */
// Camunda's webapps find their engine by name in a JVM-wide registry: other test contexts' engines are "default"
// too, so this one gets its own name and Tasklist is opened under it.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.process-engine-name=" + TasklistFormsBrowserTest.ENGINE)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasklistFormsBrowserTest extends ProcessTestSupport {

  static final String ENGINE = "tasklistTest";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String PASSWORD = "test-password";
  private static final Path SCREENSHOTS = Path.of("target", "tasklist-screenshots");
  /** Where the main screens are saved for the README: {@code -Dscreenshots.dir=docs/screenshots} refreshes them. */
  private static final Path MAIN_SCREENS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
  private static final By FORM = By.cssSelector(".fjs-form");
  private static final By START_BUTTON = By.xpath("//div[contains(@class,'modal')]//button[normalize-space()='Start']");
  private static final By COMPLETE_BUTTON = By.xpath("//button[normalize-space()='Complete']");

  @LocalServerPort int port;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired PassRegistry registry;
  @Autowired StaffListIntake staffListIntake;

  private HeadlessChromium chromium;
  private ChromeDriver browser;

  @BeforeAll
  void openBrowser() throws Exception {
    // A tall window: Tasklist's fixed footer otherwise covers the Complete button of long forms.
    chromium = HeadlessChromium.start("1600,2000");
    browser = chromium.driver();
    // Tasklist's built-in plugin is loaded by RequireJS, which gives up after 7 s: the first request to Tasklist's
    // plugin API starts its JAX-RS application, slower than that on a busy two-core machine.
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js")).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @AfterAll
  void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }


  /**
   * A Vietnamese official's browser: Tasklist in Vietnamese, the case found by its reference in the role's queue
   * (sorted by due date), form-js's own messages in Vietnamese, the task completed; an official of another ward
   * sees neither the task nor its reference.
   */
  @Test
  void aWardOfficialWorksInVietnamese_anotherWardSeesNothingOfIt() throws Exception {
    ProcessInstance instance = register("cskv.phucxa", residents(1));
    String reference = reference(instance.getId());
    ChromeDriver english = browser;
    try (HeadlessChromium vietnamese = HeadlessChromium.start("1600,1200", "vi")) {
      browser = vietnamese.driver();
      step("Tasklist greets the official in Vietnamese", () -> {
        logIn("canbo.phucxa", "Bắt đầu quy trình");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Start process", "Claim");
      });
      step("the case is found by its reference in the officials' queue, sorted by due date", () -> {
        click(By.partialLinkText("Hồ sơ chờ xét duyệt"));
        WebElement card = waitFor(ExpectedConditions.visibilityOfElementLocated(By.xpath(
            "//li[contains(@class,'task')][.//*[contains(normalize-space(), '" + reference + "')]]")));
        assertThat(card.getText()).contains("Xét duyệt danh sách", "Hồ sơ:", reference, "Loại:", "Cá nhân");
        assertThat(browser.getCurrentUrl()).as("sorted by due date").contains("dueDate");
        saveMainScreen("tasklist-queue");
        card.findElement(By.cssSelector("h4 a")).click();
        waitForForm("Xét duyệt");
      });
      step("form-js's messages are Vietnamese, and the task is completed", () -> {
        claim();
        click(By.xpath("//button[normalize-space()='Hoàn thành']"));
        WebElement error = waitFor(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".fjs-form-field-error")));
        waitFor(d -> error.getText().contains("Trường này bắt buộc phải điền."));
        assertThat(error.getText()).doesNotContain("Field is required");
        saveMainScreen("tasklist-review-form");
        choose("Duyệt tất cả");
        click(By.xpath("//button[normalize-space()='Hoàn thành']"));
        waitFor(d -> CaseTasks.of(processEngine, instance.getId())
            .taskDefinitionKey("Task_ReviewList").count() == 0);
      });
      runJobs(instance.getId());
      step("an official of another ward sees nothing of the case", () -> {
        logIn("canbo.trucbach", "Bắt đầu quy trình");
        click(By.partialLinkText("Hồ sơ chờ xét duyệt"));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tasks-list")));
        assertThat(browser.findElement(By.cssSelector(".tasks-list")).getText()).doesNotContain(reference);
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/" + ENGINE + "/#/?task="
            + CaseTasks.of(processEngine, instance.getId()).singleResult().getId());
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tasks-list")));
        assertThat(browser.findElements(FORM)).as("another ward's form").isEmpty();
      });
    } finally {
      browser = english;
    }
  }

  @Test
  void individualPass_fromPastedRowsToDelivery_onlyThroughTasklist() {
    String from = Dates.format(Dates.today());
    String until = Dates.format(Dates.today().plusDays(9));
    long startedBefore = startedInstances("individual-pass");

    step("CSKV opens the start form", () -> {
      logIn("cskv.trucbach");
      openStartForm("Cấp giấy đi đường cho cá nhân", "Đăng ký cấp giấy đi đường cho cá nhân");
      assertThat(modalText()).contains("Danh sách người đề nghị cấp giấy đi đường",
          "Họ và tên | Ngày sinh | Số CCCD/CMND");
      assertRequiredFieldsBlock(START_BUTTON);
      assertThat(startedInstances("individual-pass")).isEqualTo(startedBefore);
    });
    step("a bad row is refused with the Vietnamese message", () -> {
      type(modalTextarea(), "Nguyễn Thị Hằng; 12/05/1987; 00118700; 0912345678; ; Số 5 phố Trúc Bạch; ;"
          + " Bệnh viện Bạch Mai; Đi làm; " + from + "; " + until);
      click(START_BUTTON);
      WebElement alert = waitFor(ExpectedConditions.visibilityOfElementLocated(By.xpath("//div[contains(@class,"
          + "'modal')]//div[contains(@class,'alert-danger')][contains(., 'Người thứ 1 (Nguyễn Thị Hằng)')]")));
      assertThat(alert.getText()).contains("Người thứ 1 (Nguyễn Thị Hằng): số CCCD/CMND \"00118700\" không hợp lệ:"
          + " CCCD gồm 12 chữ số, CMND gồm 9 chữ số.");
      assertThat(startedInstances("individual-pass")).isEqualTo(startedBefore);
    });
    step("good rows start the process", () -> {
      type(modalTextarea(), String.join("\n",
          "Nguyễn Thị Hằng; 12/05/1987; 001187000123; 0912345678; ; Số 5 phố Trúc Bạch; ; Bệnh viện Bạch Mai;"
              + " Đi làm; " + from + "; " + until,
          "Đặng Văn Ưng; 01/02/1985; 001085000124; 0912345679; ung@example.vn; Số 7 phố Trúc Bạch;"
              + " Bệnh viện Saint Paul; Bệnh viện Saint Paul; Đi làm (nhân viên y tế); " + from + "; " + until));
      click(START_BUTTON);
      waitFor(d -> startedInstances("individual-pass") == startedBefore + 1);
      waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal")));
    });
    HistoricProcessInstance started = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("individual-pass").startedBy("cskv.trucbach").orderByProcessInstanceStartTime().desc()
        .listPage(0, 1).get(0);
    String instanceId = started.getId();
    String reference = started.getBusinessKey();

    step("the ward official reviews the list", () -> {
      logIn("canbo.trucbach");
      Task review = openTaskFromList(instanceId, "Xét duyệt danh sách",
          "Xét duyệt danh sách đề nghị cấp giấy đi đường");
      assertThat(formText()).contains("Hồ sơ " + reference + " – Phường Trúc Bạch, Quận Ba Đình: 2 người");
      assertThat(tableRows("Người chờ xét duyệt")).containsExactly(
          "1 | Nguyễn Thị Hằng | 12/05/1987 | 001187000123 |  | Đi làm | " + from + " – " + until,
          "2 | Đặng Văn Ưng | 01/02/1985 | 001085000124 | Bệnh viện Saint Paul | Đi làm (nhân viên y tế) | " + from
              + " – " + until);
      assertThat(browser.findElement(COMPLETE_BUTTON).isEnabled()).as("Complete before claiming").isFalse();
      claim();
      choose("Duyệt, trừ những người bị từ chối dưới đây");
      type(formTextarea("Người bị từ chối"), "2: Không thuộc đối tượng được đi lại");
      complete(review);
    });
    step("the ward police stamp the approved pass", () -> {
      logIn("congan.trucbach");
      Task stamp = openTaskFromList(instanceId, "Kiểm tra và đóng dấu danh sách",
          "Kiểm tra và đóng dấu giấy đi đường");
      assertThat(formText()).contains("cán bộ phường đã duyệt 1 giấy");
      assertThat(tableRows("Giấy chờ đóng dấu")).singleElement().asString()
          .matches("1 \\| 00004-\\d{6} \\| Nguyễn Thị Hằng \\| 001\\*{6}123 \\| Vùng xanh \\| " + from + " – " + until);
      claim();
      choose("Đóng dấu tất cả");
      complete(stamp);
    });
    String passNumber = registry.passes(applicationId(instanceId), PassStatus.ISSUED).get(0).passNumber();
    step("CSKV downloads the print bundle and delivers", () -> {
      logIn("cskv.trucbach");
      Task deliver = openTaskFromList(instanceId, "Giao giấy đi đường cho người dân", "Giao giấy đi đường");
      assertThat(tableRows("Giấy đã đóng dấu")).containsExactly(
          passNumber + " | Nguyễn Thị Hằng | 001******123 | Vùng xanh | " + from + " – " + until);
      assertThat(tableRows("Người bị từ chối")).containsExactly(
          "2 | Đặng Văn Ưng | 001******124 | Không thuộc đối tượng được đi lại | Email ung@example.vn");
      WebElement link = browser.findElement(By.partialLinkText("Tải tập giấy đi đường để in"));
      assertThat(fetchInBrowser(link.getAttribute("href"))).startsWith("200 application/pdf");
      claim();
      type(formInput("Đã giao cho"), "Từng người dân theo danh sách");
      complete(deliver);
    });
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult()
        .getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .activityId("EndEvent_PassesDelivered").count()).isEqualTo(1);
    assertThat(registry.find(passNumber).orElseThrow().deliveredTo()).isEqualTo("Từng người dân theo danh sách");

    step("the ward police revoke the pass through the start form", () -> {
      logIn("congan.trucbach");
      openStartForm("Thu hồi giấy đi đường", "Chỉ cán bộ phường hoặc công an phường đã cấp giấy được thu hồi");
      type(formInput("Số giấy"), passNumber);
      type(modalTextarea(), "Người được cấp đã chuyển nơi ở");
      click(START_BUTTON);
      waitFor(d -> registry.find(passNumber).orElseThrow().status() == PassStatus.REVOKED);
    });
  }

  @Test
  void startFormsOfTheOtherProcesses_openInVietnamese() {
    step("CSKV: market cards and organizations", () -> {
      logIn("cskv.trucbach");
      openStartForm("Cấp thẻ đi chợ cho hộ gia đình", "Lập danh sách cấp thẻ đi chợ");
      assertThat(modalText()).contains("Danh sách hộ gia đình", "Họ tên chủ hộ | Họ tên người đi chợ");
      assertRequiredFieldsBlock(START_BUTTON);
      closeModal();
      openStartForm("Cấp giấy đi đường cho tổ chức/doanh nghiệp",
          "Đăng ký cấp giấy đi đường cho tổ chức/doanh nghiệp");
      assertThat(modalText()).contains("Tên tổ chức/doanh nghiệp", "Mã số thuế", "Email liên hệ",
          "Số nhân viên đề nghị cấp giấy", "Từ ngày", "Đến ngày");
      assertRequiredFieldsBlock(START_BUTTON);
      closeModal();
    });
    for (String user : List.of("canbo.trucbach", "congan.trucbach")) {
      step(user + ": revocation", () -> {
        logIn(user);
        openStartForm("Thu hồi giấy đi đường", "Thu hồi giấy đi đường");
        assertThat(modalText()).contains("Số giấy", "Lý do thu hồi");
        assertRequiredFieldsBlock(START_BUTTON);
        closeModal();
      });
    }
  }

  @Test
  void marketCardTaskForms_showTheirHouseholdsAndCards() {
    ProcessInstance instance = startMarketCards(String.join("\n",
        "Trần Văn Hùng\tNguyễn Thị Lan\t001185000777\t0912345678\tSố 5 phố Hòe Nhai\t4\tTB-0104",
        "Lê Văn Bình\tLê Văn Bình\t001090000778\t\tSố 9 ngõ Trúc Lạc\t2"));
    String reference = reference(instance.getId());

    step("the ward official reviews households through Tasklist", () -> {
      logIn("canbo.trucbach");
      Task review = openTask(instance.getId(), "Xét duyệt danh sách cấp thẻ đi chợ");
      assertThat(formText()).contains("Hồ sơ " + reference, "2 hộ gia đình", "Hộ chờ xét duyệt", "Trần Văn Hùng",
          "Nguyễn Thị Lan", "Số 9 ngõ Trúc Lạc");
      claim();
      choose("Duyệt, trừ những hộ bị từ chối dưới đây");
      type(formTextarea("Hộ bị từ chối"), "2: Hộ không cư trú tại phường");
      complete(review);
    });
    step("the police stamp form lists the card", () -> {
      logIn("congan.trucbach");
      openTask(instance.getId(), "Kiểm tra và đóng dấu thẻ đi chợ");
      assertThat(formText()).contains("Thẻ chờ đóng dấu", "Nguyễn Thị Lan").doesNotContain("Lê Văn Bình");
    });
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    runJobs(instance.getId());
    step("CSKV delivers the cards through Tasklist", () -> {
      logIn("cskv.trucbach");
      Task deliver = openTask(instance.getId(), "Giao thẻ đi chợ");
      assertThat(formText()).contains("Thẻ chờ giao", "Nguyễn Thị Lan", "Hộ bị từ chối", "Lê Văn Bình",
          "Hộ không cư trú tại phường", "Thẻ chưa giao được");
      assertThat(fetchInBrowser(browser.findElement(By.partialLinkText("Tải tập thẻ đi chợ")).getAttribute("href")))
          .startsWith("200 application/pdf");
      claim();
      assertRequiredFieldsBlock(COMPLETE_BUTTON);
      assertThat(taskService.createTaskQuery().taskId(deliver.getId()).count()).isEqualTo(1);
      choose("Tôi đã giao tận tay");
      complete(deliver);
    });
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);

    ProcessInstance rejected = startMarketCards("Hoàng Văn Tư\tHoàng Văn Tư\t001180000779\t\tSố 2 phố Mẫu Thử\t1");
    completeTask(rejected, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL",
        ProcessVariables.REJECT_ALL_REASON.name(), "Hộ đã có thẻ ở phường khác"));
    runJobs(rejected.getId());
    step("CSKV sees the households to inform", () -> {
      logIn("cskv.trucbach");
      openTask(rejected.getId(), "Báo kết quả từ chối");
      assertThat(formText()).contains("Báo kết quả từ chối", "Hoàng Văn Tư", "Hộ đã có thẻ ở phường khác");
    });
  }

  @Test
  void organizationTaskForms_showTheRegistrationAndItsStaff() {
    ProcessInstance instance = startOrganization();
    String reference = reference(instance.getId());

    step("the ward official checks the prefilled entry and completes it through Tasklist", () -> {
      logIn("canbo.trucbach");
      Task entry = openTask(instance.getId(), "Nhập đăng ký của tổ chức");
      assertThat(formText()).contains("Nhập đăng ký của tổ chức", "Hồ sơ " + reference);
      assertThat(formInput("Tên tổ chức/doanh nghiệp").getAttribute("value"))
          .isEqualTo("Công ty CP Thực phẩm Hà Nội");
      assertThat(formInput("Mã số thuế").getAttribute("value")).isEqualTo("0101234567");
      claim();
      complete(entry);
    });
    byte[] list = StaffListFiles.csv(StaffListFiles.people(2, 700_000), ',', true);
    assertThat(staffListIntake.receiveUpload(applicationId(instance.getId()),
        List.of(new IncomingFile("danh-sach.csv", "text/csv", list.length, list))).status())
        .hasToString("ACCEPTED");
    step("the review form lists the staff", () -> {
      logIn("canbo.trucbach");
      openTask(instance.getId(), "Xét duyệt danh sách nhân viên");
      assertThat(formText()).contains("Công ty CP Thực phẩm Hà Nội", "Nhân viên chờ xét duyệt", "Nguyễn Văn An",
          "Trần Thị Bích", "danh-sach.csv");
    });
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    runJobs(instance.getId());
    step("the stamp form lists the passes", () -> {
      logIn("congan.trucbach");
      openTask(instance.getId(), "Kiểm tra và đóng dấu giấy đi đường");
      assertThat(formText()).contains("Giấy chờ đóng dấu", "Nguyễn Văn An", "Trần Thị Bích");
    });
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    runJobs(instance.getId());
    step("CSKV delivers to the organization through Tasklist", () -> {
      logIn("cskv.trucbach");
      Task deliver = openTask(instance.getId(), "Giao giấy đi đường cho tổ chức");
      assertThat(formText()).contains("Giao giấy đi đường cho tổ chức", "Công ty CP Thực phẩm Hà Nội",
          "Giấy đã đóng dấu", "Nguyễn Văn An", "Trần Thị Bích");
      claim();
      type(formInput("Đã giao cho"), "Lê Thị Hoa (người liên hệ)");
      complete(deliver);
    });
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
  }

  // --- driving the processes through the Java API

  private ProcessInstance startMarketCards(String rows) {
    actAs("cskv.trucbach");
    try {
      return runtimeService.startProcessInstanceByKey("market-card",
          Map.of(ProcessVariables.HOUSEHOLDS_TABLE.name(), rows));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private ProcessInstance startOrganization() {
    Map<String, Object> form = new HashMap<>();
    form.put("organizationName", "Công ty CP Thực phẩm Hà Nội");
    form.put("taxCode", "0101234567");
    form.put("organizationAddress", "5 Phố Trúc Bạch, Quận Ba Đình");
    form.put("sector", "Sản xuất, cung ứng lương thực thực phẩm");
    form.put("contactPerson", "Lê Thị Hoa");
    form.put("contactEmail", "nhansu@thucphamhanoi.vn");
    form.put("contactPhone", "0912345678");
    form.put("staffRequested", 2);
    form.put("purpose", "Đi làm tại cơ sở sản xuất");
    form.put("validFrom", Dates.today().toString());
    form.put("validUntil", Dates.today().plusDays(14).toString());
    actAs("cskv.trucbach");
    try {
      return runtimeService.startProcessInstanceByKey("organization-pass", form);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Runs the instance's due jobs, as the job executor would, until it waits for a person or a message. */
  private void runJobs(String instanceId) {
    for (List<Job> jobs = dueJobs(instanceId); !jobs.isEmpty(); jobs = dueJobs(instanceId)) {
      managementService.executeJob(jobs.get(0).getId());
    }
  }

  private List<Job> dueJobs(String instanceId) {
    return managementService.createJobQuery().rootProcessInstanceId(instanceId).executable().list();
  }

  private long startedInstances(String key) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).count();
  }

  private String reference(String instanceId) {
    return (String) runtimeService.getVariable(instanceId, ProcessVariables.REFERENCE.name());
  }

  private long applicationId(String instanceId) {
    return (Long) historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .variableName(ProcessVariables.APPLICATION_ID.name()).singleResult().getValue();
  }

  // --- Tasklist, as a person uses it

  /** A fresh session: Tasklist's own login page. */
  private void logIn(String user) {
    logIn(user, "Start process");
  }

  /** Logs in and waits for the start link, labelled in the browser's language. */
  private void logIn(String user, String startLabel) {
    browser.manage().deleteAllCookies();
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/" + ENGINE + "/");
    type(waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']"))),
        user);
    type(browser.findElement(By.cssSelector("input[ng-model='password']")), PASSWORD);
    browser.findElement(By.cssSelector("button[type='submit']")).click();
    waitFor(ExpectedConditions.elementToBeClickable(By.partialLinkText(startLabel)));
  }

  private void openStartForm(String processName, String expectedText) {
    click(By.partialLinkText("Start process"));
    click(By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='" + processName + "']"));
    waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".modal .fjs-form"), expectedText));
  }

  private void closeModal() {
    click(By.xpath("//div[contains(@class,'modal')]//button[normalize-space()='Close']"));
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal")));
  }

  /** Opens the task from the current filter's list, as an official clicks it. */
  private Task openTaskFromList(String instanceId, String taskName, String heading) {
    Task task = openTaskOf(instanceId);
    assertThat(task.getName()).isEqualTo(taskName);
    WebElement entry = waitFor(ExpectedConditions.elementToBeClickable(
        By.cssSelector("li.task h4 a[href*='task=" + task.getId() + "']")));
    assertThat(entry.getText()).isEqualTo(taskName);
    entry.click();
    waitForForm(heading);
    return task;
  }

  /** Opens the task by its Tasklist address (other tests' tasks may share the list). */
  private Task openTask(String instanceId, String heading) {
    Task task = openTaskOf(instanceId);
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/" + ENGINE + "/#/?task=" + task.getId());
    waitForForm(heading);
    return task;
  }

  private Task openTaskOf(String instanceId) {
    return CaseTasks.of(processEngine, instanceId).singleResult();
  }

  private void waitForForm(String heading) {
    waitFor(ExpectedConditions.textToBePresentInElementLocated(FORM, heading));
    assertThat(browser.findElements(By.cssSelector(".alert-danger")).stream().filter(WebElement::isDisplayed)
        .map(WebElement::getText).toList()).as("error alerts").isEmpty();
  }

  private void claim() {
    click(By.cssSelector("button.claim"));
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
  }

  private void choose(String label) {
    click(By.xpath("//div[contains(@class,'fjs-form')]//label[contains(normalize-space(), '" + label + "')]"));
  }

  /** Completes the open task, then lets the process run on to its next wait state. */
  private void complete(Task task) {
    WebElement button = waitFor(ExpectedConditions.elementToBeClickable(COMPLETE_BUTTON));
    button.click();
    waitFor(d -> taskService.createTaskQuery().taskId(task.getId()).count() == 0);
    // The case's instance: the stamp task runs in the instance it called
    runJobs(historyService.createHistoricProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult().getRootProcessInstanceId());
  }

  /** Tasklist keeps Start/Complete enabled; form-js refuses the submit and marks the empty required field. */
  private void assertRequiredFieldsBlock(By submit) {
    click(submit);
    WebElement error = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form-field-error")));
    assertThat(error.getText()).isNotBlank();
  }

  /** The rows of the form's table under {@code label}, cells joined by " | ". */
  private List<String> tableRows(String label) {
    return browser.findElements(By.xpath("//div[contains(@class,'fjs-form-field-table')][.//label[starts-with("
        + "normalize-space(), '" + label + "')]]//tbody/tr")).stream()
        .map(row -> String.join(" | ", row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()))
        .toList();
  }

  private String formText() {
    return browser.findElement(FORM).getText();
  }

  private String modalText() {
    return browser.findElement(By.cssSelector(".modal .fjs-form")).getText();
  }

  private WebElement modalTextarea() {
    return browser.findElement(By.cssSelector(".modal .fjs-form textarea"));
  }

  private WebElement formInput(String label) {
    return field(label, "input");
  }

  private WebElement formTextarea(String label) {
    return field(label, "textarea");
  }

  /** form-js links each label to its field by id. */
  private WebElement field(String label, String tag) {
    WebElement labelElement = waitFor(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//div[contains(@class,'fjs-form')]//label[starts-with(normalize-space(), '" + label + "')]")));
    return browser.findElement(By.cssSelector(".fjs-form " + tag + "[id='" + labelElement.getAttribute("for") + "']"));
  }

  /** Types as a person does: replaces what the field held, key by key. */
  private void type(WebElement field, String text) {
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
  }

  private void click(By locator) {
    waitFor(ExpectedConditions.elementToBeClickable(locator)).click();
  }

  /** Fetches a link with the browser's own session, as clicking it would: "status content-type bytes". */
  private String fetchInBrowser(String href) {
    return (String) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[1];"
        + "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.status + ' '"
        + " + r.headers.get('content-type') + ' ' + b.byteLength))).catch(e => done(String(e)));", href);
  }

  private <T> T waitFor(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
    return new WebDriverWait(browser, WAIT).until(condition);
  }

  /** Runs one step; when it fails, the screenshot of that moment goes with the failure. */
  private void step(String name, Runnable action) {
    try {
      action.run();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("Step \"" + name + "\" failed at " + browser.getCurrentUrl() + "; screenshot: "
          + screenshot() + "; console:\n" + console(), e);
    }
  }

  private String console() {
    try {
      return String.join("\n", browser.manage().logs().get(LogType.BROWSER).getAll()
          .stream().map(entry -> entry.getLevel() + " " + entry.getMessage()).toList());
    } catch (RuntimeException e) {
      return "(no console: " + e + ")";
    }
  }

  private void saveMainScreen(String name) {
    try {
      Files.createDirectories(MAIN_SCREENS);
      Files.write(MAIN_SCREENS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path screenshot() {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(getClass().getSimpleName() + "-" + System.currentTimeMillis() + ".png");
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
      return file.toAbsolutePath();
    } catch (Exception e) {
      return Path.of("(no screenshot: " + e + ")");
    }
  }
}
