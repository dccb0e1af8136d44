package vn.giaydiduong.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.giaydiduong.HeadlessChromium;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.security.SecurityHttpTest;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * The dashboard page in Chromium, as a supervisor opens it: log in to the Camunda webapps, follow the Welcome
 * page's link, see the charts drawn by the bundled Chart.js (under the page's Content-Security-Policy) and the
 * tables with their export links; a district supervisor's page offers only their district; a ward official reads
 * the refusal in Vietnamese.
 */
@SecurityHttpTest
class SupervisionPageBrowserTest extends ProcessTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  private HeadlessChromium chromium;
  private ChromeDriver browser;

  @BeforeEach
  void openBrowser() throws Exception {
    chromium = HeadlessChromium.start("1400,1000");
    browser = chromium.driver();
  }

  @AfterEach
  void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void aSupervisor_seesChartsAndTables() {
    ProcessInstance instance = register("cskv.trucbach", residents(1));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));

    logIn("giamsat");
    waitFor(ExpectedConditions.elementToBeClickable(By.partialLinkText("Bảng theo dõi"))).click();
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tables table")));
    assertThat(browser.getCurrentUrl()).endsWith("/supervision/");
    for (String chart : List.of("chart-days", "chart-wards", "chart-checks")) {
      assertThat(browser.executeScript("return Chart.getChart(arguments[0]) != null", chart)).as(chart)
          .isEqualTo(true);
    }
    assertThat(browser.findElements(By.cssSelector("#tables h2"))).extracting(WebElement::getText)
        .anyMatch(text -> text.startsWith("Theo phường/xã"));
    assertThat(browser.findElement(By.id("totals")).getText()).contains("Người/hộ được duyệt");
    assertThat(browser.findElements(By.cssSelector("#tables a"))).extracting(a -> a.getAttribute("href"))
        .anyMatch(href -> href.contains("/api/supervision/wards.xlsx"));
    assertThat(new Select(browser.findElement(By.id("district"))).getOptions()).hasSize(31);

    // Filtering by a district narrows the ward table to it.
    new Select(browser.findElement(By.id("district"))).selectByVisibleText("Quận Ba Đình");
    new Select(browser.findElement(By.id("ward"))).selectByVisibleText("Phường Trúc Bạch");
    browser.findElement(By.cssSelector("#filters button")).click();
    waitFor(driver -> browser.findElements(By.cssSelector("#tables section")).get(1)
        .findElements(By.cssSelector("tbody tr")).size() == 1);
  }

  @Test
  void aDistrictSupervisor_isOfferedTheirDistrictOnly_andAWardOfficialIsRefused() {
    logIn("giamsat.badinh");
    browser.get("http://localhost:" + port + "/supervision/");
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tables table")));
    assertThat(new Select(browser.findElement(By.id("district"))).getOptions()).extracting(WebElement::getText)
        .containsExactly("Quận Ba Đình");

    logIn("canbo.trucbach");
    browser.get("http://localhost:" + port + "/supervision/");
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
    assertThat(browser.findElement(By.id("message")).getText()).isEqualTo(SupervisionDashboard.NOT_A_SUPERVISOR);
    assertThat(browser.findElement(By.id("content")).isDisplayed()).isFalse();
  }

  private void logIn(String user) {
    browser.manage().deleteAllCookies();
    browser.get("http://localhost:" + port + "/camunda/app/welcome/" + SecurityHttpTest.ENGINE + "/");
    waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
        .sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("test-password");
    browser.findElement(By.cssSelector("button[type='submit']")).click();
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='password']")));
  }

  private <T> T waitFor(ExpectedCondition<T> condition) {
    // The page redraws its tables after each answer: an element found just before may be gone.
    return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
  }
}
