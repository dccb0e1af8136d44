package vn.giaydiduong.caselist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.giaydiduong.HeadlessChromium;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.security.SecurityHttpTest;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * The case list as a ward official uses it, in headless Chromium whose language is Vietnamese: log in to
 * Tasklist, follow its header link, search a whole ID number, open the case. Leaves a screenshot of the page in
 * target/case-list-screenshots (the one in docs/screenshots comes from here).
 */
@SecurityHttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseListBrowserTest extends ProcessTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "case-list-screenshots");

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired ManagementService managementService;
  @Autowired ApplicationStore applications;

  private HeadlessChromium chromium;
  private ChromeDriver browser;

  @BeforeAll
  void openBrowser() throws Exception {
    chromium = HeadlessChromium.start("1400,1300", "vi");
    browser = chromium.driver();
  }

  @AfterAll
  void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void aWardOfficialOpensTheCaseListFromTasklist_andFindsACaseByItsIdNumber() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", List.of(
        resident("Trịnh Thị Thu Trang", "1985-03-01", "001085778001", null),
        resident("Bùi Văn Hùng", "1985-03-02", "001085778002", null)));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "PARTIAL",
        ProcessVariables.REJECTIONS.name(), "2: Không thuộc đối tượng được đi lại"));
    for (int i = 0; i < 5; i++) {
      managementService.createJobQuery().rootProcessInstanceId(instance.getId()).executable().list()
          .forEach(job -> managementService.executeJob(job.getId()));
    }
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    for (int i = 0; i < 5; i++) {
      managementService.createJobQuery().rootProcessInstanceId(instance.getId()).executable().list()
          .forEach(job -> managementService.executeJob(job.getId()));
    }
    String reference = ProcessVariables.reference(
        applications.findByProcessInstance(instance.getId()).orElseThrow().id());

    // Tasklist's built-in plugin is loaded by RequireJS, which gives up after 7 s: the first request to Tasklist's
    // plugin API starts its JAX-RS application, slower than that on a busy two-core machine.
    rest.getForEntity("/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js", String.class);
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/" + SecurityHttpTest.ENGINE + "/");
    wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")),
        Duration.ofSeconds(60)).sendKeys("canbo.trucbach");
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("test-password");
    browser.findElement(By.cssSelector("button[type='submit']")).click();
    WebElement link = wait(ExpectedConditions.elementToBeClickable(By.cssSelector("a.case-list-link")));
    assertThat(link.getText()).isEqualTo("Hồ sơ của phường");
    link.click();

    wait(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "hồ sơ"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Hồ sơ của phường");
    browser.findElement(By.id("q")).sendKeys("001085778001");
    browser.findElement(By.cssSelector("#search button[type='submit']")).click();
    wait(ExpectedConditions.textToBe(By.id("count"), "Có 1 hồ sơ khớp với \"001085778001\"."));
    WebElement row = browser.findElement(By.cssSelector("#cases tbody tr"));
    assertThat(row.getText()).contains(reference, "Cá nhân", "Phường Trúc Bạch", "Đã đóng dấu",
        "Giao giấy đi đường cho người dân");
    row.findElement(By.linkText(reference)).click();

    wait(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), "Hồ sơ " + reference));
    String people = browser.findElement(By.id("people")).getText();
    assertThat(people).contains("Trịnh Thị Thu Trang", "001******001", "Được duyệt", "Đã đóng dấu",
        "Bùi Văn Hùng", "Bị từ chối", "Không thuộc đối tượng được đi lại").doesNotContain("001085778001");
    assertThat(browser.findElement(By.id("history")).getText())
        .contains("cskv.trucbach", "Đăng ký hồ sơ", "canbo.trucbach", "Xét duyệt: duyệt 1 người, từ chối 1 người",
            "congan.trucbach", "Đóng dấu 1 giấy");
    WebElement pdf = browser.findElement(By.linkText("PDF"));
    assertThat(pdf.getAttribute("target")).isEqualTo("_blank");
    assertThat(browser.findElements(By.cssSelector("button.revoke"))).hasSize(1);

    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve("case-list.png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  /** Waits; on a timeout leaves the page's screenshot and source in target/case-list-screenshots. */
  private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    return wait(condition, WAIT);
  }

  private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition, Duration timeout) {
    try {
      return new WebDriverWait(browser, timeout).until(condition);
    } catch (RuntimeException e) {
      try {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("failure.png"), browser.getScreenshotAs(OutputType.BYTES));
        Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getCurrentUrl() + "\n"
            + browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll() + "\n"
            + browser.getPageSource());
      } catch (java.io.IOException | RuntimeException ignored) {
        e.addSuppressed(ignored);
      }
      throw e;
    }
  }
}
