package vn.giaydiduong.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The demo's /dev/mail: administrators only (it lists secret upload links), and every mail shown escaped. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DevMailSecurityTest {

  @Autowired TestRestTemplate rest;
  @Autowired GreenMail greenMail;

  @Test
  void anonymousGets401_anOfficial403() {
    assertThat(rest.getForEntity("/dev/mail", String.class).getStatusCode().value()).isEqualTo(401);
    ResponseEntity<String> official = rest.withBasicAuth("canbo.phucxa", "test-password")
        .getForEntity("/dev/mail", String.class);
    assertThat(official.getStatusCode().value()).isEqualTo(403);
    assertThat(official.getBody()).contains("Chỉ quản trị viên");
  }

  @Test
  void aStrangersMailIsShownEscaped() {
    GreenMailUtil.sendTextEmail("qrca.bd.tb1@gmail.com", "\"<script>alert(2)</script>\" <x@example.vn>",
        "<img src=x onerror=alert(1)>", "<b onmouseover=alert(3)>xin chào</b> "
            + "<a href=\"javascript:alert(4)\">bấm</a> <a href=\"https://example.vn/tai-len?ma=abc\">tải lên</a>",
        greenMail.getSmtp().getServerSetup());

    ResponseEntity<String> page = rest.withBasicAuth("demo", "demo").getForEntity("/dev/mail", String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody())
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img", "<script", "<b onmouseover", "javascript:")
        .contains("<a rel=\"noopener noreferrer\" href=\"https://example.vn/tai-len?ma=abc\">");
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'none'");
  }
}
