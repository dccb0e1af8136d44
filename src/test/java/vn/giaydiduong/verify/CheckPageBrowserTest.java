package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.HeadlessChromium;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.qr.Forgeries;
import vn.giaydiduong.qr.PassClaims;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.rules.DayRule;
import vn.giaydiduong.ward.WardRegistry;
import vn.giaydiduong.ward.Zone;

/**
 * The checkpoint page in real headless Chromium (Debian's chromium and chromium-driver): verdicts from the server,
 * then the same verdicts computed in the browser with the network cut.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CheckPageBrowserTest extends PassIssuing {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @LocalServerPort int port;
  @Autowired Revocations revocations;
  @Autowired PassCodec codec;
  @Autowired CheckLog checkLog;
  @Autowired JdbcTemplate jdbc;
  @Autowired SigningKeyStore keys;
  @Autowired WardRegistry wards;
  @Autowired PassVerifier verifier;

  private HeadlessChromium chromium;
  private ChromeDriver browser;

  @BeforeEach
  void openBrowser() throws Exception {
    chromium = HeadlessChromium.start("1280,900");
    browser = chromium.driver();
  }

  @AfterEach
  void closeBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }


  @Test
  void pastedCodesGetTheirVerdict_onlineAndOfflineWithTheNetworkCut() {
    LocalDate today = Dates.today();
    Pass valid = issuePass("Nguyễn Thị Hằng", today, today.plusDays(10));
    Pass revoked = issuePass("Đặng Văn Ưng", today, today.plusDays(10));
    Pass later = issuePass("Trần Quốc Tuấn", today.plusDays(2), today.plusDays(10));
    revocations.revoke(revoked.passNumber(), "Người dân báo mất giấy", "congan.trucbach");
    String forged = Forgeries.withHolderName(valid.qrText(), "Nguyễn Thị Hàng");

    browser.get("http://localhost:" + port + "/check");
    assertThat(browser.getCurrentUrl()).endsWith("/check/");
    assertThat(browser.getTitle()).isEqualTo("Kiểm tra giấy đi đường");
    new WebDriverWait(browser, WAIT).until(d -> Boolean.TRUE.equals(js("return window.checkPage.ready()"
        + " && navigator.serviceWorker.controller !== null")));
    assertThat(browser.findElement(By.id("sync")).getText()).contains("1 giấy bị thu hồi");

    assertVerdict(valid.qrText(), "VALID", "online", "HỢP LỆ");
    assertThat(browser.findElement(By.id("holderName")).getText()).isEqualTo("Nguyễn Thị Hằng");
    assertThat(browser.findElement(By.id("ward")).getText()).isEqualTo("Phường Trúc Bạch, Quận Ba Đình");
    assertThat(browser.findElement(By.id("result")).getAttribute("class")).contains("green");
    assertVerdict(revoked.qrText(), "REVOKED", "online", "ĐÃ BỊ THU HỒI");
    assertThat(browser.findElement(By.id("result")).getAttribute("class")).contains("red");
    assertVerdict(forged, "BAD_SIGNATURE", "online", "GIẢ MẠO");
    assertThat(browser.findElement(By.id("holder")).isDisplayed()).isFalse();

    js("const c = document.getElementById('checkpoint'); c.value = 'CHOT-THU-01';"
        + "c.dispatchEvent(new Event('change'));");
    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    browser.setNetworkConditions(offline);

    assertVerdict(valid.qrText(), "VALID", "offline", "HỢP LỆ");
    assertThat(browser.findElement(By.id("mode")).getText()).startsWith("KIỂM TRA NGOẠI TUYẾN");
    assertThat(browser.findElement(By.id("holderName")).getText()).isEqualTo("Nguyễn Thị Hằng");
    assertThat(browser.findElement(By.id("ward")).getText()).isEqualTo("Phường Trúc Bạch, Quận Ba Đình");
    assertThat(browser.findElement(By.id("validity")).getText())
        .isEqualTo(Dates.format(today) + " – " + Dates.format(today.plusDays(10)));
    assertVerdict(revoked.qrText(), "REVOKED", "offline", "ĐÃ BỊ THU HỒI");
    assertVerdict(later.qrText(), "NOT_YET_VALID", "offline", "CHƯA CÓ HIỆU LỰC");
    assertThat(browser.findElement(By.id("result")).getAttribute("class")).contains("amber");
    assertVerdict(forged, "BAD_SIGNATURE", "offline", "GIẢ MẠO");
    // A market card for another weekday: the page judges the signed day rule exactly as the server and the card do.
    String tomorrowOnly = today.getDayOfWeek().plus(1).getValue() + "@06:00-11:00";
    assertVerdict(marketCard(tomorrowOnly, today), "NOT_VALID_TODAY", "offline", "KHÔNG ĐÚNG NGÀY");
    assertThat(browser.findElement(By.id("allowedDays")).getText())
        .isEqualTo(DayRule.parse(tomorrowOnly).vietnamese());
    assertVerdict(valid.qrText().substring(0, 120), "MALFORMED", "offline", "KHÔNG ĐỌC ĐƯỢC");
    assertVerdict("https://example.com/pass/1", "MALFORMED", "offline", "KHÔNG ĐỌC ĐƯỢC");

    // The page itself reloads from the service worker's cache while the network is still cut.
    browser.navigate().refresh();
    new WebDriverWait(browser, WAIT).until(d -> browser.findElements(By.id("check")).size() == 1);
    assertVerdict(valid.qrText(), "VALID", "offline", "HỢP LỆ");
    assertThat(browser.findElement(By.id("sync")).getText()).contains("lượt kiểm tra ngoại tuyến chờ gửi");

    // Back online, the offline verdicts reach the supervisors' check log, marked as offline.
    checkLog.flush();
    long offlineBefore = offlineChecks();
    browser.setNetworkConditions(new ChromiumNetworkConditions());
    js("return window.checkPage.sync()");
    new WebDriverWait(browser, WAIT).until(d -> !browser.findElement(By.id("sync")).getText()
        .contains("chờ gửi"));
    checkLog.flush();
    assertThat(offlineChecks() - offlineBefore).isEqualTo(8);
    assertThat(jdbc.queryForList("select status from pass_check where offline and checkpoint_id = 'CHOT-THU-01'",
        String.class)).contains("VALID", "REVOKED", "NOT_YET_VALID", "BAD_SIGNATURE", "NOT_VALID_TODAY",
        "MALFORMED");
  }

  /**
   * The page's own verifier must refuse what the server refuses: a real key of another ward (the JWKS says which
   * ward each key belongs to), and a pass outside its dates, judged in Hanoi time whatever the phone's time zone.
   */
  @Test
  void offlineVerifierBindsTheKeyToItsWard_andJudgesDatesInHanoiTimeWhateverThePhoneZone() {
    LocalDate from = LocalDate.of(2026, 3, 10);
    LocalDate until = LocalDate.of(2026, 3, 12);
    String code = signed(new PassClaims("00004-900010", PassKind.INDIVIDUAL, "Nguyễn Thị Hằng", "001******789",
        null, "00004", Zone.ORANGE, from, until, null, "CA-00004", Instant.now()));
    openSyncedPage();

    for (String zone : List.of("Asia/Ho_Chi_Minh", "America/Los_Angeles", "Pacific/Kiritimati", "UTC")) {
      browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
      assertThat(offlineVerdict(code, hanoi(from.minusDays(1), 23, 59, 59), null)).as(zone)
          .startsWith("NOT_YET_VALID|Giấy chưa có hiệu lực: chỉ dùng được từ ngày 10/03/2026");
      assertThat(offlineVerdict(code, hanoi(from, 0, 0, 0), null)).as(zone).startsWith("VALID|");
      assertThat(offlineVerdict(code, hanoi(until, 23, 59, 59), null)).as(zone).startsWith("VALID|");
      assertThat(offlineVerdict(code, hanoi(until.plusDays(1), 0, 0, 0), null)).as(zone)
          .isEqualTo("EXPIRED|Giấy đã hết hạn ngày 12/03/2026. Không cho qua.");
      assertThat(offlineVerdict(code, hanoi(until.plusDays(400), 12, 0, 0), null)).as(zone).startsWith("EXPIRED|");
    }

    // The signature is good, the key is real, but it is the key of another ward's police.
    assertThat(offlineVerdict(code, hanoi(from, 12, 0, 0), "00001")).isEqualTo("BAD_SIGNATURE|Mã QR được ký bằng "
        + "khóa của công an phường khác, không phải phường cấp giấy: giấy giả. Không cho qua.");
    assertThat(offlineVerdict(code, hanoi(from, 12, 0, 0), "")).startsWith("BAD_SIGNATURE|");
    assertThat(offlineVerdict(code, hanoi(from, 12, 0, 0), null)).startsWith("VALID|");
  }

  /**
   * A zone change that shortened a pass reaches the page with the revocations it syncs: offline, the pass ends on
   * the new day with the server's sentence. Only passes of that ward, zone and kind signed before the change.
   */
  @Test
  void aPassShortenedByAZoneChange_isRefusedOfflineAfterItsNewLastDay() {
    LocalDate today = Dates.today();
    Pass pass = issuePass("phucxa", "Phạm Thị Vùng", today, today.plusDays(30));
    LocalDate lastDay = today.plusDays(6);
    try {
      wards.changeZone("00001", Zone.RED, "demo");
      openSyncedPage();

      String expired = "EXPIRED|Giấy đã hết hạn ngày " + Dates.format(lastDay) + ": phường chuyển sang vùng đỏ ngày "
          + Dates.format(today) + " nên giấy cấp ở vùng xanh chỉ còn giá trị đến hết ngày " + Dates.format(lastDay)
          + ". Không cho qua.";
      assertThat(offlineVerdict(pass.qrText(), hanoi(lastDay.plusDays(1), 0, 0, 0), null)).isEqualTo(expired);
      assertThat(offlineVerdict(pass.qrText(), hanoi(lastDay, 23, 59, 59), null))
          .startsWith("VALID|Hợp lệ đến hết ngày " + Dates.format(lastDay) + " (phường chuyển sang vùng đỏ");
      // Online the server says the same.
      assertThat(verifier.verify(pass.qrText()).message()).startsWith("Hợp lệ đến hết ngày " + Dates.format(lastDay));
      // Signed after the change, or by another ward: the shortening does not apply.
      Instant after = Instant.now().plusSeconds(5);
      String signedLater = codec.encode(new PassClaims("00001-900020", PassKind.INDIVIDUAL, "Lê Văn Sau",
          "001******111", null, "00001", Zone.GREEN, today, today.plusDays(30), null, "CA-00001", after),
          keys.activeKey("00001"));
      assertThat(offlineVerdict(signedLater, hanoi(lastDay.plusDays(1), 12, 0, 0), null))
          .startsWith("VALID|Hợp lệ: cho qua");
      String otherWard = signed(new PassClaims("00004-900021", PassKind.INDIVIDUAL, "Lê Văn Khác", "001******222",
          null, "00004", Zone.GREEN, today, today.plusDays(30), null, "CA-00004", Instant.now().minusSeconds(3600)));
      assertThat(offlineVerdict(otherWard, hanoi(lastDay.plusDays(1), 12, 0, 0), null))
          .startsWith("VALID|Hợp lệ: cho qua");

      ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
      offline.setOffline(true);
      browser.setNetworkConditions(offline);
      assertVerdict(pass.qrText(), "VALID", "offline", "HỢP LỆ");
      assertThat(browser.findElement(By.id("validity")).getText()).isEqualTo(Dates.format(today) + " – "
          + Dates.format(today.plusDays(30)) + " (phường đổi vùng: chỉ còn đến " + Dates.format(lastDay) + ")");
    } finally {
      jdbc.update("update ward set zone = 'GREEN' where code = '00001'");
    }
  }

  /** Whatever a pass (or the server, or the JWKS) carries is shown as text: markup in a name stays letters. */
  @Test
  void dataFromAPassOrTheServerIsWrittenAsText_neverAsHtml() {
    LocalDate today = Dates.today();
    String name = "<img src=x onerror=\"document.title='XSS'\"><b>Hằng</b>";
    String organization = "<b>Bệnh viện</b><img src=y>";
    String passId = "00004-<i>900011</i>";
    String maskedId = "<u>001</u>******789";
    String code = signed(new PassClaims(passId, PassKind.ORGANIZATION, name, maskedId, organization, "00004",
        Zone.GREEN, today, today.plusDays(3), null, "CA-00004", Instant.now()));
    openSyncedPage();

    assertVerdict(code, "VALID", "online", "HỢP LỆ");
    assertShownAsText(name, organization, passId, maskedId);
    assertThat(browser.findElement(By.id("ward")).getText()).isEqualTo("Phường Trúc Bạch, Quận Ba Đình");

    // Offline, the ward's name comes from the synced JWKS: text too.
    String wardName = "<b>Phường</b><img src=z>";
    js("const j = JSON.parse(localStorage.getItem('hn1.jwks')); j.keys.forEach((k) => { k.ward_name = arguments[0]; });"
        + "localStorage.setItem('hn1.jwks', JSON.stringify(j));", wardName);
    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    browser.setNetworkConditions(offline);
    assertVerdict(code, "VALID", "offline", "HỢP LỆ");
    assertShownAsText(name, organization, passId, maskedId);
    assertThat(browser.findElement(By.id("ward")).getText()).isEqualTo(wardName);
    assertThat(browser.getTitle()).isEqualTo("Kiểm tra giấy đi đường");
  }

  private void assertShownAsText(String name, String organization, String passId, String maskedId) {
    assertThat(js("return document.querySelectorAll('#result *:not(p):not(dl):not(dt):not(dd)').length"))
        .as("no element made from the data").isEqualTo(0L);
    assertThat(browser.findElement(By.id("holderName")).getText()).isEqualTo(name);
    assertThat(browser.findElement(By.id("organization")).getText()).isEqualTo(organization);
    assertThat(browser.findElement(By.id("passId")).getText()).isEqualTo(passId);
    assertThat(browser.findElement(By.id("maskedIdNumber")).getText()).isEqualTo(maskedId);
  }

  private void openSyncedPage() {
    browser.get("http://localhost:" + port + "/check/");
    // A sync the page gave up on (3 s timeout, a cold server on a busy machine) is asked again, not waited 5 minutes.
    new WebDriverWait(browser, WAIT).until(d -> Boolean.TRUE.equals(js("if (!window.checkPage.ready()) "
        + "window.checkPage.sync(); return window.checkPage.ready()")));
  }

  /**
   * {@code status|message} of the page's own verifier ({@code HN1.verify}) at {@code now}, with the synced JWKS;
   * {@code rebindWardTo} non-null claims every key for that ward instead.
   */
  private String offlineVerdict(String code, Instant now, String rebindWardTo) {
    return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
        const [code, nowMs, ward, done] = arguments;
        const jwks = JSON.parse(localStorage.getItem('hn1.jwks'));
        if (ward !== null) jwks.keys.forEach((k) => { k.ward = ward; });
        const shortened = JSON.parse(localStorage.getItem('hn1.shortened') || '[]');
        HN1.verify(code, jwks, new Set(), new Date(nowMs), shortened)
          .then((r) => done(r.status + '|' + r.message), (e) => done('ERROR|' + e));""",
        code, now.toEpochMilli(), rebindWardTo);
  }

  private static Instant hanoi(LocalDate day, int hour, int minute, int second) {
    return day.atTime(hour, minute, second).atZone(Dates.HANOI).toInstant();
  }

  private String signed(PassClaims claims) {
    return codec.encode(claims, keys.activeKey("00004"));
  }

  private long offlineChecks() {
    return jdbc.queryForObject("select count(*) from pass_check where offline", Long.class);
  }

  private String marketCard(String dayRule, LocalDate today) {
    PassClaims claims = new PassClaims("00004-900002", PassKind.MARKET_CARD, "Hoàng Thị Chợ", "001******321", null,
        "00004", Zone.GREEN, today, today.plusDays(13), dayRule, "CA-00004", Instant.now());
    return codec.encode(claims, keys.activeKey("00004"));
  }

  private void assertVerdict(String code, String status, String mode, String verdict) {
    js("document.getElementById('result').dataset.status = '';"
        + "document.getElementById('code').value = arguments[0];", code);
    browser.findElement(By.id("check")).click();
    new WebDriverWait(browser, WAIT).until(d -> !browser.findElement(By.id("result")).getDomAttribute("data-status")
        .isEmpty());
    var result = browser.findElement(By.id("result"));
    assertThat(result.getDomAttribute("data-status")).as(code).isEqualTo(status);
    assertThat(result.getDomAttribute("data-mode")).isEqualTo(mode);
    assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo(verdict);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }
}
