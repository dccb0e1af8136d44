package vn.giaydiduong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The per-address throttle alone, on a test clock: counting, refusing, the window's end, its memory bound. */
class LoginThrottleFilterTest {

  final AtomicLong clock = new AtomicLong();
  final AtomicInteger checkedPasswords = new AtomicInteger();
  final LoginThrottleFilter filter = new LoginThrottleFilter(
      new LoginThrottleProperties(3, Duration.ofMinutes(10), 2), clock::get,
      request -> request.getHeader("X-Test-Address"));

  @Test
  void anAddressWithTooManyFailuresGets429UntilTheWindowEnds_otherAddressesDoNot() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(login("10.0.0.1", "wrong").getStatus()).isEqualTo(401);
    }
    MockHttpServletResponse refused = login("10.0.0.1", "right");
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("600");
    assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("Đăng nhập sai quá nhiều lần");
    assertThat(checkedPasswords).as("a refused attempt never reaches the password check").hasValue(3);

    assertThat(login("10.0.0.2", "right").getStatus()).isEqualTo(200);

    clock.addAndGet(Duration.ofMinutes(9).toNanos());
    assertThat(login("10.0.0.1", "right").getHeader("Retry-After")).isEqualTo("60");
    clock.addAndGet(Duration.ofMinutes(1).toNanos());
    assertThat(login("10.0.0.1", "right").getStatus()).isEqualTo(200);
  }

  @Test
  void successesAndRequestsWithoutCredentialsAreNotCounted() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(login("10.0.0.3", "right").getStatus()).isEqualTo(200);
      MockHttpServletRequest anonymous = request("10.0.0.3", "/api/wards");
      MockHttpServletResponse response = new MockHttpServletResponse();
      filter.doFilter(anonymous, response, respond(401));
      assertThat(response.getStatus()).isEqualTo(401);
    }
    assertThat(login("10.0.0.3", "wrong").getStatus()).isEqualTo(401);
  }

  @Test
  void theWebappLoginFormCounts() throws Exception {
    for (int i = 0; i < 3; i++) {
      MockHttpServletRequest form = request("10.0.0.4", "/camunda/api/admin/auth/user/default/login/tasklist");
      form.setMethod("POST");
      MockHttpServletResponse response = new MockHttpServletResponse();
      filter.doFilter(form, response, respond(401));
    }
    assertThat(login("10.0.0.4", "right").getStatus()).isEqualTo(429);
  }

  @Test
  void memoryIsBounded() throws Exception {
    for (int i = 0; i < 1000; i++) {
      login("10.1." + i / 256 + "." + i % 256, "wrong");
    }
    assertThat(filter.trackedAddresses()).isLessThanOrEqualTo(2);
  }

  @Test
  void ipv6ClientsAreCountedPer64() {
    assertThat(LoginThrottleFilter.addressKey("2001:db8:1:2:aaaa::1"))
        .isEqualTo(LoginThrottleFilter.addressKey("2001:db8:1:2:bbbb::2"))
        .isNotEqualTo(LoginThrottleFilter.addressKey("2001:db8:1:3::1"));
    assertThat(LoginThrottleFilter.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(LoginThrottleFilter.addressKey("not:an;address")).isEqualTo("not:an;address");
  }

  private MockHttpServletResponse login(String address, String password) throws Exception {
    MockHttpServletRequest request = request(address, "/engine-rest/task");
    request.addHeader("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString(("canbo.phucxa:" + password).getBytes(StandardCharsets.UTF_8)));
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> {
      checkedPasswords.incrementAndGet();
      ((MockHttpServletResponse) res).setStatus(password.equals("right") ? 200 : 401);
    });
    return response;
  }

  private static MockHttpServletRequest request(String address, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.addHeader("X-Test-Address", address);
    return request;
  }

  private static FilterChain respond(int status) {
    return (req, res) -> ((MockHttpServletResponse) res).setStatus(status);
  }
}
