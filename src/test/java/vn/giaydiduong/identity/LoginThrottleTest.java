package vn.giaydiduong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Failed logins on the three login surfaces (webapp login form, HTTP Basic on /engine-rest and on /api): the
 * account's lock expires on its own and never becomes permanent, an administrator can lift it, and one flooding
 * client address gets 429 while others still log in. Behind a proxy as in production (X-Forwarded-For trusted
 * from localhost); each test uses its own addresses and users. The engine's clock is frozen and moved instead
 * of sleeping, so the production delays (3 s doubling up to 60 s) are what is tested.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.forward-headers-strategy=native",
    "giaydiduong.login.max-failures-per-address=4"})
@ActiveProfiles("test")
class LoginThrottleTest {

  private static final String PASSWORD = "test-password";

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identityService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aWrongPasswordLocksTheAccountOnEverySurface_untilTheLockExpires() {
    Date start = freezeClock(0);
    assertThat(api("203.0.113.1", "canbo.phucxa", "wrong").getStatusCode().value()).isEqualTo(401);
    assertThat(api("203.0.113.1", "canbo.phucxa", "wrong again").getStatusCode().value()).isEqualTo(401);

    ResponseEntity<String> locked = api("203.0.113.2", "canbo.phucxa", PASSWORD);
    assertThat(locked.getStatusCode().value()).as("the right password while locked").isEqualTo(401);
    assertThat(locked.getBody()).contains("tạm khóa");
    assertThat(engineRest("203.0.113.2", "canbo.phucxa", PASSWORD).getStatusCode().value()).isEqualTo(401);
    assertThat(webappLogin("203.0.113.2", "canbo.phucxa", PASSWORD, false).getStatusCode().value())
        .isEqualTo(401);

    ClockUtil.setCurrentTime(new Date(start.getTime() + 4_000));
    assertThat(api("203.0.113.3", "canbo.phucxa", PASSWORD).getStatusCode().value()).isEqualTo(200);
    assertThat(engineRest("203.0.113.3", "canbo.phucxa", PASSWORD).getStatusCode().value()).isEqualTo(200);
    assertThat(webappLogin("203.0.113.3", "canbo.phucxa", PASSWORD, false).getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void manySpacedFailuresNeverLockForGood() {
    // Camunda's default (loginMaxAttempts 10) would lock the account for good after the tenth failure.
    for (int i = 0; i < 15; i++) {
      freezeClock(i * 61_000L);
      assertThat(engineRest("198.51.100." + i, "canbo.trucbach", "guess" + i).getStatusCode().value())
          .isEqualTo(401);
    }
    freezeClock(15 * 61_000L);
    assertThat(api("198.51.100.100", "canbo.trucbach", PASSWORD).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void anAdministratorLiftsTheLockAtOnce() {
    freezeClock(0);
    assertThat(api("192.0.2.10", "congan.phucxa", "wrong").getStatusCode().value()).isEqualTo(401);
    assertThat(api("192.0.2.11", "congan.phucxa", PASSWORD).getStatusCode().value()).isEqualTo(401);

    HttpHeaders admin = forwardedFor("192.0.2.12");
    admin.setBasicAuth("demo", "demo");
    assertThat(rest.exchange("/engine-rest/user/congan.phucxa/unlock", HttpMethod.POST, new HttpEntity<>(admin),
        String.class).getStatusCode().value()).isEqualTo(204);

    assertThat(api("192.0.2.11", "congan.phucxa", PASSWORD).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void oneFloodingAddressGets429OnEverySurface_whileAnotherStillLogsIn() {
    String flooder = "203.0.113.66";
    assertThat(webappLogin(flooder, "no.such.user", "a", false).getStatusCode().value()).isEqualTo(401);
    assertThat(webappLogin(flooder, "no.such.user", "b", false).getStatusCode().value()).isEqualTo(401);
    assertThat(engineRest(flooder, "no.such.user", "c").getStatusCode().value()).isEqualTo(401);
    assertThat(api(flooder, "no.such.user", "d").getStatusCode().value()).isEqualTo(401);

    for (ResponseEntity<String> refused : List.of(api(flooder, "cskv.phucxa", PASSWORD),
        engineRest(flooder, "cskv.phucxa", PASSWORD), webappLogin(flooder, "cskv.phucxa", PASSWORD, false))) {
      assertThat(refused.getStatusCode().value()).isEqualTo(429);
      assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isBetween(1L, 600L);
      assertThat(refused.getBody()).contains("Đăng nhập sai quá nhiều lần từ địa chỉ này");
    }
    assertThat(rest.exchange("/api/keys", HttpMethod.GET, new HttpEntity<>(forwardedFor(flooder)), String.class)
        .getStatusCode().value()).as("no credentials, not throttled").isEqualTo(200);

    assertThat(api("203.0.113.67", "cskv.phucxa", PASSWORD).getStatusCode().value()).isEqualTo(200);
    assertThat(webappLogin("203.0.113.67", "cskv.phucxa", PASSWORD, false).getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void theSessionCookieIsSecureBehindHttps_andStillWorksOnPlainHttp() {
    String https = webappLogin("192.0.2.20", "cskv.trucbach", PASSWORD, true).getHeaders()
        .getFirst(HttpHeaders.SET_COOKIE);
    assertThat(https).startsWith("JSESSIONID=").containsIgnoringCase("; Secure");
    String http = webappLogin("192.0.2.21", "cskv.trucbach", PASSWORD, false).getHeaders()
        .getFirst(HttpHeaders.SET_COOKIE);
    assertThat(http).startsWith("JSESSIONID=").doesNotContainIgnoringCase("secure");
  }

  @Test
  void theSetupPageCannotCreateAnAdministrator() {
    // With a session and CSRF token, as a stranger's browser would have them: CSRF alone does not protect.
    HttpHeaders headers = sessionWithCsrfToken("192.0.2.30");
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> setup = rest.exchange("/camunda/api/admin/setup/default/user/create", HttpMethod.POST,
        new HttpEntity<>("{\"profile\":{\"id\":\"intruder\",\"firstName\":\"A\",\"lastName\":\"B\"},"
            + "\"credentials\":{\"password\":\"intruder-password\"}}", headers), String.class);
    assertThat(setup.getStatusCode().value()).isEqualTo(403);
    assertThat(setup.getBody()).contains("Trang thiết lập ban đầu đã bị tắt");
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
  }

  private static Date freezeClock(long offsetMillis) {
    Date at = new Date(1_600_000_000_000L + offsetMillis);
    ClockUtil.setCurrentTime(at);
    return at;
  }

  private static HttpHeaders forwardedFor(String address) {
    HttpHeaders headers = new HttpHeaders();
    headers.add("X-Forwarded-For", address);
    return headers;
  }

  private ResponseEntity<String> api(String address, String user, String password) {
    return basic("/api/wards", address, user, password);
  }

  private ResponseEntity<String> engineRest(String address, String user, String password) {
    return basic("/engine-rest/user/" + user + "/profile", address, user, password);
  }

  private ResponseEntity<String> basic(String path, String address, String user, String password) {
    HttpHeaders headers = forwardedFor(address);
    headers.setBasicAuth(user, password);
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  /** Opens Tasklist for a session and Camunda's CSRF token, as the webapps' pages do before any POST. */
  private HttpHeaders sessionWithCsrfToken(String address) {
    ResponseEntity<String> welcome = rest.exchange("/camunda/app/tasklist/default/", HttpMethod.GET,
        new HttpEntity<>(forwardedFor(address)), String.class);
    List<String> cookies = welcome.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, List.of()).stream()
        .map(c -> c.substring(0, c.indexOf(';'))).toList();
    HttpHeaders headers = forwardedFor(address);
    headers.add(HttpHeaders.COOKIE, String.join("; ", cookies));
    String token = welcome.getHeaders().getFirst("X-XSRF-TOKEN");
    assertThat(token).as("Camunda's CSRF token").isNotNull();
    headers.add("X-XSRF-TOKEN", token);
    return headers;
  }

  /** Camunda's login form, as Tasklist sends it. */
  private ResponseEntity<String> webappLogin(String address, String user, String password, boolean https) {
    HttpHeaders headers = sessionWithCsrfToken(address);
    if (https) {
      headers.add("X-Forwarded-Proto", "https");
    }
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
  }
}
