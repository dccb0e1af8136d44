package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The start-up warm-up goes through the real endpoint (every scan answered VALID), yet leaves nothing behind: no
 * check log entry, and its in-memory key is trusted no more once the node is ready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "giaydiduong.verification.warm-up.enabled=true", "giaydiduong.verification.warm-up.scans=300"})
@ActiveProfiles("test")
class VerificationWarmUpTest {

  @Autowired VerificationWarmUp warmUp;
  @Autowired CheckLog checkLog;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @Test
  void scansThroughTheEndpointBeforeReadiness_withoutLoggingOrTrustingItsKeyAfterwards() {
    VerificationWarmUp.Result result = warmUp.lastResult();
    assertThat(result.scans()).isEqualTo(300);
    assertThat(result.valid()).isEqualTo(300);

    checkLog.flush();
    assertThat(jdbc.queryForObject("select count(*) from pass_check", Integer.class)).isZero();

    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    String answer = rest.postForObject(CheckingRequestLimits.VERIFY_PATH,
        new HttpEntity<>(result.samplePass(), headers), String.class);
    assertThat(answer).contains("\"status\":\"UNKNOWN_KEY\"");
  }
}
