package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.qr.Forgeries;
import vn.giaydiduong.qr.PassClaims;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.rules.DayRule;
import vn.giaydiduong.ward.WardRegistry;
import vn.giaydiduong.ward.Zone;

/**
 * Every verdict of {@code POST /api/passes/verify} over HTTP, from passes issued through the individual-pass
 * process and from forgeries; revocation and the revocation list as checkpoint apps use them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class CheckingApiTest extends PassIssuing {

  private static final String PASSWORD = "test-password";

  @Autowired TestRestTemplate rest;
  @Autowired PassCodec codec;
  @Autowired SigningKeyStore keys;
  @Autowired PassStandings standings;
  @Autowired WardRegistry wards;
  @Autowired CheckLog checkLog;
  @Autowired JdbcTemplate jdbc;
  @Autowired OfflineCheckQuota quota;
  @Autowired ScanLogQuota scanLogQuota;
  final ObjectMapper json = new ObjectMapper();

  /** Tests of this context share the quotas and all post from 127.0.0.1. */
  @AfterEach
  void freshQuotas() {
    quota.forgetAll();
    scanLogQuota.forgetAll();
  }

  @Test
  void passIssuedThroughTheProcess_isValidAndShowsWhatThePrintedPassShows() throws Exception {
    LocalDate today = Dates.today();
    Pass pass = issuePass("Nguyễn Thị Hằng", today, today.plusDays(14));

    ResponseEntity<String> response = post(pass.qrText());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode answer = json.readTree(response.getBody());
    assertThat(answer.get("status").asText()).isEqualTo("VALID");
    assertThat(answer.get("message").asText()).startsWith("Hợp lệ: cho qua");
    assertThat(answer.get("passId").asText()).isEqualTo(pass.passNumber());
    assertThat(answer.get("kind").asText()).isEqualTo("INDIVIDUAL");
    assertThat(answer.get("kindLabel").asText()).isEqualTo("Giấy đi đường (cá nhân)");
    assertThat(answer.get("holderName").asText()).isEqualTo("Nguyễn Thị Hằng");
    assertThat(answer.get("maskedIdNumber").asText()).matches("001\\*{6}\\d{3}");
    assertThat(answer.get("wardCode").asText()).isEqualTo(TRUC_BACH);
    assertThat(answer.get("wardName").asText()).isEqualTo("Phường Trúc Bạch, Quận Ba Đình");
    assertThat(answer.get("zone").asText()).isEqualTo(pass.zone().name());
    assertThat(answer.get("validFrom").asText()).isEqualTo(today.toString());
    assertThat(answer.get("validUntil").asText()).isEqualTo(today.plusDays(14).toString());
    assertThat(answer.has("allowedDays")).isFalse();
    // Nothing beyond the printed pass: no full ID number, address, phone or purpose.
    assertThat(response.getBody()).doesNotContain("0010850", "Phố Trúc Bạch", "0912345678", "Đi làm");
    // A scanner's trailing CR/LF is tolerated.
    assertThat(status(post(pass.qrText() + "\r\n"))).isEqualTo("VALID");
  }

  @Test
  void passStartingLater_isNotYetValid() throws Exception {
    LocalDate from = Dates.today().plusDays(3);
    Pass pass = issuePass("Đặng Văn Ưng", from, from.plusDays(7));

    JsonNode answer = json.readTree(post(pass.qrText()).getBody());
    assertThat(answer.get("status").asText()).isEqualTo("NOT_YET_VALID");
    assertThat(answer.get("message").asText()).contains("từ ngày " + Dates.format(from));
    assertThat(answer.get("holderName").asText()).isEqualTo("Đặng Văn Ưng");
  }

  @Test
  void passAfterItsLastDay_isExpiredAndStillValidOnItsLastDayUntilMidnightInHanoi() {
    LocalDate today = Dates.today();
    Pass pass = issuePass("Trần Quốc Tuấn", today, today.plusDays(2));
    LocalDate lastDay = pass.validUntil();

    // 23:59 in Hanoi on the last day is 16:59 UTC: still valid. One minute later it is the next day in Hanoi.
    Instant lastMinute = lastDay.plusDays(1).atStartOfDay(Dates.HANOI).toInstant().minusSeconds(60);
    assertThat(verifierAt(lastMinute).verify(pass.qrText()).status()).isEqualTo(VerificationStatus.VALID);
    Verification expired = verifierAt(lastMinute.plusSeconds(60)).verify(pass.qrText());
    assertThat(expired.status()).isEqualTo(VerificationStatus.EXPIRED);
    assertThat(expired.message()).isEqualTo("Giấy đã hết hạn ngày " + Dates.format(lastDay) + ". Không cho qua.");
  }

  @Test
  void marketCard_isValidOnlyOnItsDaysAndHours() throws Exception {
    LocalDate today = Dates.today();
    String otherDay = today.getDayOfWeek().plus(1).getValue() + "@00:00-23:59";
    JsonNode refused = json.readTree(post(marketCard(otherDay, today)).getBody());
    assertThat(refused.get("status").asText()).isEqualTo("NOT_VALID_TODAY");
    assertThat(refused.get("kindLabel").asText()).isEqualTo("Thẻ đi chợ");
    String described = DayRule.parse(otherDay).vietnamese();
    assertThat(refused.get("allowedDays").asText()).isEqualTo(described);
    assertThat(refused.get("message").asText()).contains("không phải ngày, giờ được đi", described);

    // Monday, Wednesday, Friday 06:00–11:00 (end exclusive), judged at fixed Hanoi times.
    LocalDate wednesday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
    String card = marketCard("1,3,5@06:00-11:00", wednesday);
    assertThat(verifierAt(hanoi(wednesday, 6, 0)).verify(card).status()).isEqualTo(VerificationStatus.VALID);
    assertThat(verifierAt(hanoi(wednesday, 10, 59)).verify(card).status()).isEqualTo(VerificationStatus.VALID);
    assertThat(verifierAt(hanoi(wednesday, 11, 0)).verify(card).status())
        .isEqualTo(VerificationStatus.NOT_VALID_TODAY);
    assertThat(verifierAt(hanoi(wednesday, 5, 59)).verify(card).status())
        .isEqualTo(VerificationStatus.NOT_VALID_TODAY);
    assertThat(verifierAt(hanoi(wednesday.plusDays(1), 8, 0)).verify(card).status())
        .isEqualTo(VerificationStatus.NOT_VALID_TODAY);
    Verification friday = verifierAt(hanoi(wednesday.plusDays(2), 8, 0)).verify(card);
    assertThat(friday.status()).isEqualTo(VerificationStatus.VALID);
    assertThat(friday.allowedDays()).isEqualTo("Thứ 2, 4, 6 — 6h00–11h00");

    // A rule this server cannot read is refused, never waved through.
    assertThat(status(post(marketCard("MOI-THANG", today)))).isEqualTo("MALFORMED");
    assertThat(status(post(marketCard("1,3,5@11:00-06:00", today)))).isEqualTo("MALFORMED");
  }

  private static Instant hanoi(LocalDate day, int hour, int minute) {
    return day.atTime(hour, minute).atZone(Dates.HANOI).toInstant();
  }

  @Test
  void revokedPass_isRevokedAtOnceAndListedForOfflineCheckpoints() throws Exception {
    LocalDate today = Dates.today();
    Pass pass = issuePass("Lê Thị Ngọc Ánh", today, today.plusDays(5));
    Instant before = Instant.now().minusSeconds(1);
    assertThat(status(post(pass.qrText()))).isEqualTo("VALID");

    // Neither the CSKV nor another ward's official may revoke it; nothing changes.
    assertThat(revoke("cskv.trucbach", pass.passNumber(), "Người dân báo mất giấy").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> foreign = revoke("canbo.phucxa", pass.passNumber(), "Người dân báo mất giấy");
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(foreign.getBody()).contains("Chỉ cán bộ phường hoặc công an phường đã cấp giấy");
    assertThat(revoke("canbo.trucbach", pass.passNumber(), "").getBody()).contains("Hãy ghi lý do thu hồi");
    assertThat(status(post(pass.qrText()))).isEqualTo("VALID");

    ResponseEntity<String> revoked = revoke("canbo.trucbach", pass.passNumber(), "Người dân báo mất giấy");
    assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(revoked.getBody()).get("status").asText()).isEqualTo("REVOKED");

    JsonNode answer = json.readTree(post(pass.qrText()).getBody());
    assertThat(answer.get("status").asText()).isEqualTo("REVOKED");
    assertThat(answer.get("message").asText()).isEqualTo("Giấy đã bị thu hồi. Không cho qua.");
    assertThat(post(pass.qrText()).getBody()).as("the reason stays in the ward's records")
        .doesNotContain("báo mất giấy");
    Pass stored = registry.find(pass.passNumber()).orElseThrow();
    assertThat(stored.status()).isEqualTo(PassStatus.REVOKED);
    assertThat(jdbc.queryForObject("select revoked_by from pass where pass_number = ?", String.class,
        pass.passNumber())).isEqualTo("canbo.trucbach");

    assertThat(revoke("congan.trucbach", pass.passNumber(), "Thu hồi lần hai").getBody())
        .contains("đã bị thu hồi trước đó");

    JsonNode list = json.readTree(rest.getForEntity("/api/revocations?since=" + before, String.class).getBody());
    assertThat(list.get("revoked").findValuesAsText("passId")).containsExactly(pass.passNumber());
    assertThat(Instant.parse(list.get("next").asText())).isBefore(Instant.now());
    JsonNode later = json.readTree(rest.getForEntity("/api/revocations?since=" + Instant.now().plusSeconds(5),
        String.class).getBody());
    assertThat(later.get("revoked")).isEmpty();
    assertThat(rest.getForEntity("/api/revocations?since=hôm-qua", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  /** Scans read revocations and shortenings from memory; what another node writes must reach it unprompted. */
  @Test
  void revocationAndShorteningWrittenByAnotherNode_countHereWithinSeconds() throws Exception {
    LocalDate today = Dates.today();
    Pass revokedThere = issuePass("Hoàng Minh Châu", today, today.plusDays(5));
    Pass shortenedThere = issuePass("Vũ Thị Thu Hà", today, today.plusDays(14));
    assertThat(status(post(revokedThere.qrText()))).isEqualTo("VALID");
    assertThat(status(post(shortenedThere.qrText()))).isEqualTo("VALID");

    // What the other node's transactions leave in the shared database, without this node's knowledge.
    jdbc.update("update pass set status = 'REVOKED', revoked_by = 'canbo.trucbach', revoked_at = ?, "
        + "revoked_reason = 'Người dân báo mất giấy' where pass_number = ?",
        OffsetDateTime.now(ZoneOffset.UTC), revokedThere.passNumber());
    LocalDate until = today.plusDays(2);
    jdbc.update("insert into zone_change (ward_code, old_zone, new_zone, changed_by, changed_at, shortened_until, "
        + "kept, shortened, revoked) values (?, 'GREEN', 'ORANGE', 'quantri', ?, ?, 0, 1, 0)",
        shortenedThere.wardCode(), OffsetDateTime.now(), until);
    Long change = jdbc.queryForObject("select max(id) from zone_change", Long.class);
    jdbc.update("update pass set shortened_until = ?, shortened_by_change = ? where pass_number = ?", until, change,
        shortenedThere.passNumber());
    jdbc.update("insert into zone_change_pass (zone_change_id, pass_number, action, signed_until, valid_until) "
        + "values (?, ?, 'SHORTEN', ?, ?)", change, shortenedThere.passNumber(), today.plusDays(14), until);

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(status(post(revokedThere.qrText()))).isEqualTo("REVOKED");
      JsonNode shortened = json.readTree(post(shortenedThere.qrText()).getBody());
      assertThat(shortened.get("status").asText()).isEqualTo("VALID");
      assertThat(shortened.get("shortenedUntil").asText()).isEqualTo(until.toString());
    });
  }

  @Test
  void aKeyWithdrawnOnAnotherNode_stopsVerifyingHereWithinSeconds() throws Exception {
    LocalDate today = Dates.today();
    String leaked = individualPass("00094", today);
    assertThat(status(post(leaked))).isEqualTo("VALID");

    // What the other node's withdrawal leaves in the shared database.
    jdbc.update("update signing_key set withdrawn_at = ?, withdrawn_reason = 'Khóa bị lộ', active_ward = null "
        + "where kid = ?", OffsetDateTime.now(ZoneOffset.UTC), codec.decode(leaked).kid());

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(status(post(leaked))).isEqualTo("UNKNOWN_KEY"));
  }

  @Test
  void forgedAndForeignCodes_neverVerifyAndNeverEchoThePayload() throws Exception {
    LocalDate today = Dates.today();
    Pass pass = issuePass("Phạm Đức Mạnh", today, today.plusDays(5));
    String qr = pass.qrText();

    // The name edited inside the signed payload, signature kept.
    JsonNode edited = json.readTree(post(Forgeries.withHolderName(qr, "Phạm Đức Mạnk")).getBody());
    assertThat(edited.get("status").asText()).isEqualTo("BAD_SIGNATURE");
    assertThat(edited.has("holderName")).isFalse();

    // Any one character of the code changed: never valid, never shown as a pass.
    for (int i = PassCodec.PREFIX.length(); i < qr.length(); i += 5) {
      char replacement = qr.charAt(i) == 'A' ? 'B' : 'A';
      String changed = qr.substring(0, i) + replacement + qr.substring(i + 1);
      Verification verdict = verifierAt(Instant.now()).verify(changed);
      assertThat(verdict.status()).as("character %d changed", i)
          .isIn(VerificationStatus.MALFORMED, VerificationStatus.BAD_SIGNATURE, VerificationStatus.UNKNOWN_KEY);
      assertThat(verdict.holderName()).isNull();
    }

    PassClaims claims = codec.decode(qr).claims();
    JsonNode noWard = json.readTree(post(codec.encode(claims, Forgeries.keyOfNoWard(TRUC_BACH))).getBody());
    assertThat(noWard.get("status").asText()).isEqualTo("UNKNOWN_KEY");
    assertThat(noWard.has("holderName")).isFalse();

    // A real key of another ward signing a Trúc Bạch pass.
    JsonNode otherWard = json.readTree(post(codec.encode(claims, keys.activeKey("00001"))).getBody());
    assertThat(otherWard.get("status").asText()).isEqualTo("BAD_SIGNATURE");
    assertThat(otherWard.get("message").asText()).contains("công an phường khác");

    assertMalformed(qr.substring(0, qr.length() / 2), "bị hỏng");
    assertMalformed("HC1:NCFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4",
        "không phải giấy đi đường");
    assertMalformed("https://giaydiduong.hanoi.gov.vn/pass/00004-000017", "không phải giấy đi đường");
    assertMalformed("HN1:" + "A".repeat(100 * 1024), "quá dài");
    assertMalformed("", "không phải giấy đi đường");
  }

  @Test
  void everyCheckIsLoggedWithoutThePassAndWithTheLocationOnlyWhenSent() throws Exception {
    LocalDate today = Dates.today();
    Pass pass = issuePass("Nguyễn Văn Chốt", today, today.plusDays(1));
    checkLog.flush();
    long before = count("select count(*) from pass_check");

    assertThat(rest.postForEntity("/api/passes/verify?checkpoint=CHOT-CAU-GIAY-01", text(pass.qrText()),
        String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    rest.postForEntity("/api/passes/verify?checkpoint=CHOT-CAU-GIAY-01&location=21.0313,105.7982",
        text("https://example.com"), String.class);
    assertThat(rest.postForEntity("/api/passes/verify?location=ở đây", text(pass.qrText()), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    checkLog.flush();

    assertThat(count("select count(*) from pass_check")).isEqualTo(before + 2);
    Map<String, Object> valid = jdbc.queryForMap("select * from pass_check where checkpoint_id = 'CHOT-CAU-GIAY-01'"
        + " and status = 'VALID'");
    assertThat(valid).containsEntry("PASS_KIND", "INDIVIDUAL").containsEntry("WARD_CODE", TRUC_BACH)
        .containsEntry("LOCATION", null);
    assertThat(jdbc.queryForObject("select location from pass_check where checkpoint_id = 'CHOT-CAU-GIAY-01'"
        + " and status = 'MALFORMED'", String.class)).isEqualTo("21.0313,105.7982");

    // Supervisors see the counts per day, checkpoint and result; ward officials do not.
    JsonNode daily = json.readTree(rest.withBasicAuth("giamsat", "test-password")
        .getForEntity("/api/checks/daily?days=1", String.class).getBody());
    assertThat(daily.findParents("checkpointId")).filteredOn(n -> "CHOT-CAU-GIAY-01".equals(
        n.get("checkpointId").asText())).extracting(n -> n.get("status").asText() + "=" + n.get("checks").asLong())
        .containsExactly("MALFORMED=1", "VALID=1");
    assertThat(daily.get(0).get("day").asText()).isEqualTo(today.toString());
    assertThat(rest.withBasicAuth("canbo.trucbach", "test-password")
        .getForEntity("/api/checks/daily", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/checks/daily", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void offlineChecksAreLoggedWhenReported_andImplausibleReportsAreRefusedWhole() {
    checkLog.flush();
    long before = count("select count(*) from pass_check where offline");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String good = "[{\"checkedAt\":\"" + Instant.now().minusSeconds(3600) + "\",\"status\":\"VALID\","
        + "\"kind\":\"INDIVIDUAL\",\"wardCode\":\"00004\",\"checkpointId\":\"CHOT-NGOAI-TUYEN\"},"
        + "{\"checkedAt\":\"" + Instant.now().minusSeconds(60) + "\",\"status\":\"BAD_SIGNATURE\"}]";
    assertThat(rest.postForEntity("/api/checks/offline", new HttpEntity<>(good, headers), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    String tooOld = "[{\"checkedAt\":\"" + Instant.now().minus(Duration.ofDays(8)) + "\",\"status\":\"VALID\"}]";
    String unknownKind = "[{\"checkedAt\":\"" + Instant.now() + "\",\"status\":\"VALID\",\"kind\":\"X\"}]";
    String unknownStatus = "[{\"checkedAt\":\"" + Instant.now() + "\",\"status\":\"FINE\"}]";
    for (String bad : List.of(tooOld, unknownKind, unknownStatus)) {
      assertThat(rest.postForEntity("/api/checks/offline", new HttpEntity<>(bad, headers), String.class)
          .getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    checkLog.flush();
    assertThat(count("select count(*) from pass_check where offline")).isEqualTo(before + 2);
    assertThat(count("select count(*) from pass_check where offline and checkpoint_id = 'CHOT-NGOAI-TUYEN' "
        + "and ward_code = '00004' and location is null")).isEqualTo(1);
  }

  @Test
  void oneAddressFloodingTheVerificationIsAnsweredEveryTime_butLoggedOnlyWithinItsQuota() {
    scanLogQuota.forgetAll();
    int quotaOfAMinute = 1200; // application.yml
    long minute = System.currentTimeMillis() / 60_000;
    for (int i = 0; i < quotaOfAMinute + 20; i++) {
      ResponseEntity<String> answer = rest.postForEntity("/api/passes/verify?checkpoint=CHOT-LU-LUT", text("HN1:X"),
          String.class);
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody()).contains("\"status\":\"MALFORMED\"");
    }
    boolean sameMinute = System.currentTimeMillis() / 60_000 == minute;
    checkLog.flush();
    long logged = count("select count(*) from pass_check where checkpoint_id = 'CHOT-LU-LUT'");
    if (sameMinute) {
      assertThat(logged).isEqualTo(quotaOfAMinute);
    } else {
      // A new minute began within the loop and logs the loop's rest.
      assertThat(logged).isBetween((long) quotaOfAMinute, (long) quotaOfAMinute + 20);
    }
  }

  @Test
  void theBenchmarksHttpFloorDoesNotExistUnlessEnabled() {
    assertThat(rest.postForEntity(HttpFloorController.PATH, text("HN1:X"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void verifyRefusesWhatIsNotAScannedText_withA4xxInVietnamese_andAnswersAbsurdCodesMalformed(
      CapturedOutput output) throws Exception {
    LocalDate today = Dates.today();
    String qr = individualPass(TRUC_BACH, today);
    int logStart = output.getAll().length();

    // Bodies beyond the API's limit are refused before they are read.
    ResponseEntity<String> huge = post("HN1:" + "A".repeat(2 * 1024 * 1024 + 1));
    assertThat(huge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(json.readTree(huge.getBody()).get("message").asText()).startsWith("Dữ liệu gửi lên quá lớn");

    // A declared type other than text/plain is not read as a QR text, whatever the body.
    for (String type : List.of("application/json", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "multipart/form-data", "application/octet-stream", "image/png",
        "text/html")) {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.CONTENT_TYPE, type);
      ResponseEntity<String> refused = rest.exchange("/api/passes/verify", HttpMethod.POST,
          new HttpEntity<>(qr.getBytes(StandardCharsets.UTF_8), headers), String.class);
      assertThat(refused.getStatusCode()).as(type).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
      assertThat(json.readTree(refused.getBody()).get("message").asText()).as(type)
          .isEqualTo("Gửi mã QR dưới dạng văn bản (Content-Type: text/plain), đúng như đọc được từ mã.");
    }
    assertThat(status(rest.postForEntity("/api/passes/verify",
        new HttpEntity<>(qr, textPlain("text/plain;charset=UTF-8")), String.class))).isEqualTo("VALID");

    // A bad checkpoint id or a location outside Hanoi (or outside the globe).
    for (String query : List.of("checkpoint=" + "C".repeat(65), "location=91,105.8", "location=21.0,181",
        "location=10.77,106.70", "location=NaN,Infinity", "location=1e400,105")) {
      ResponseEntity<String> refused = rest.postForEntity("/api/passes/verify?" + query, text(qr), String.class);
      assertThat(refused.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(json.readTree(refused.getBody()).get("message").asText()).as(query).containsAnyOf("Mã chốt",
          "Vị trí");
    }

    // The code itself is the officer's question: damaged or absurd codes get the MALFORMED verdict (200, so the
    // page shows it as the server's answer), never an error.
    assertMalformed("HN1:" + qr.substring(4).toLowerCase(), "bị hỏng");
    assertMalformed("HN1:GGW", "bị hỏng");
    byte[] cose = Forgeries.coseBytes(qr);
    assertMalformed(Forgeries.wrapCose(Arrays.copyOf(cose, cose.length - 20)), "bị hỏng");
    assertMalformed(Forgeries.wrapCose(Arrays.copyOf(cose, 10)), "bị hỏng");
    for (CBORObject absurd : List.of(CBORObject.FromObject(Long.MAX_VALUE), CBORObject.FromObject(-1),
        CBORObject.FromObject(EInteger.FromString("1").ShiftLeft(100)))) {
      for (int claim : new int[] {6, 4}) {
        assertMalformed(Forgeries.withClaim(qr, claim, absurd, keys.activeKey(TRUC_BACH)), "Mã QR");
      }
    }

    String log = output.getAll().substring(logStart);
    assertThat(log).as("no stack trace, no error logged").doesNotContain("\tat ", " ERROR ", "Exception");
  }

  @Test
  void offlineReportsAreBoundedPerCall_andEveryRefusalIsVietnameseWithoutEchoOrStackTrace(CapturedOutput output)
      throws Exception {
    checkLog.flush();
    long before = count("select count(*) from pass_check where offline");
    int logStart = output.getAll().length();
    String now = Instant.now().toString();

    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i <= CheckingController.MAX_OFFLINE_BATCH; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{\"checkedAt\":\"").append(now).append("\",\"status\":\"VALID\"}");
    }
    assertRefused(tooMany.append("]").toString(), HttpStatus.BAD_REQUEST, "từ 0 đến 500 lượt");
    String padded = "[" + " ".repeat((int) CheckingRequestLimits.MAX_OFFLINE_BODY_BYTES) + "]";
    assertRefused(padded, HttpStatus.PAYLOAD_TOO_LARGE, "quá lớn");
    ResponseEntity<String> wrongType = rest.postForEntity("/api/checks/offline", text("[]"), String.class);
    assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(wrongType.getBody()).contains("dạng JSON");

    String longId = "C".repeat(10_000);
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("[null]", "trống");
    refusals.put("{}", "không đọc được");
    refusals.put("[{\"checkedAt\":\"+1000000000-01-01T00:00:00Z\",\"status\":\"VALID\"}]", "thời điểm");
    refusals.put("[{\"checkedAt\":\"+1000000001-01-01T00:00:00Z\",\"status\":\"VALID\"}]", "không đọc được");
    refusals.put("[{\"checkedAt\":1e300,\"status\":\"VALID\"}]", "thời điểm");
    refusals.put("[{\"checkedAt\":true,\"status\":\"VALID\"}]", "không đọc được");
    refusals.put("[{\"checkedAt\":\"" + now + "\",\"status\":\"FINE\"}]", "không đọc được");
    refusals.put("[{\"checkedAt\":-9223372036854775808,\"status\":\"VALID\"}]", "không đọc được");
    refusals.put("[{\"checkedAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"status\":\"VALID\"}]",
        "thời điểm");
    refusals.put("[{\"checkedAt\":\"" + now + "\",\"status\":\"VALID\",\"wardCode\":\"99999\"}]", "mã phường");
    refusals.put("[{\"checkedAt\":\"" + now + "\",\"status\":\"VALID\",\"wardCode\":\"0000a\"}]", "mã phường");
    refusals.put("[{\"checkedAt\":\"" + now + "\",\"status\":\"VALID\",\"checkpointId\":\"" + longId + "\"}]",
        "mã chốt");
    refusals.put("[{\"checkedAt\":\"" + now + "\",\"status\":\"VALID\",\"checkpointId\":\"<b>x</b>\"}]",
        "mã chốt");
    for (String location : List.of("91,105.8", "21.0,200", "NaN,Infinity", "1e400,105", "10.77,106.70",
        "21.0434,105.8412," + "9".repeat(100))) {
      refusals.put("[{\"checkedAt\":\"" + now + "\",\"status\":\"VALID\",\"location\":\"" + location + "\"}]",
          "vị trí");
    }
    // One bad entry refuses the report whole.
    refusals.put("[{\"checkedAt\":\"" + now + "\",\"status\":\"VALID\"},{\"checkedAt\":\"" + now
        + "\",\"status\":\"VALID\",\"wardCode\":\"12345\"}]", "thứ 2");
    refusals.forEach((body, message) -> assertRefused(body, HttpStatus.BAD_REQUEST, message));

    checkLog.flush();
    assertThat(count("select count(*) from pass_check where offline")).isEqualTo(before);
    String log = output.getAll().substring(logStart);
    assertThat(log).as("no stack trace, no error logged").doesNotContain("\tat ", " ERROR ", "Exception");
  }

  @Test
  void aReportSentAgainIsCountedOnce_inTheLogAndTheDailyReport() throws Exception {
    Instant at = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
    String entry = "{\"checkedAt\":\"" + at + "\",\"status\":\"VALID\",\"kind\":\"INDIVIDUAL\","
        + "\"wardCode\":\"00004\",\"checkpointId\":\"CHOT-GUI-LAI\",\"location\":\"21.0434,105.8412\"}";
    String other = "{\"checkedAt\":\"" + at.plusMillis(1) + "\",\"status\":\"EXPIRED\","
        + "\"checkpointId\":\"CHOT-GUI-LAI\"}";
    for (String body : List.of("[" + entry + "," + entry + "]", "[" + entry + "," + other + "]", "[" + other + "]")) {
      assertThat(postOffline(body).getStatusCode()).isEqualTo(HttpStatus.OK);
      checkLog.flush();
    }

    assertThat(count("select count(*) from pass_check where checkpoint_id = 'CHOT-GUI-LAI'")).isEqualTo(2);
    assertThat(jdbc.queryForObject("select location from pass_check where checkpoint_id = 'CHOT-GUI-LAI' "
        + "and status = 'VALID'", String.class)).isEqualTo("21.0434,105.8412");
    JsonNode daily = json.readTree(rest.withBasicAuth("giamsat", "test-password")
        .getForEntity("/api/checks/daily?days=1", String.class).getBody());
    assertThat(daily.findParents("checkpointId")).filteredOn(n -> "CHOT-GUI-LAI".equals(
        n.get("checkpointId").asText())).extracting(n -> n.get("status").asText() + "=" + n.get("checks").asLong())
        .containsExactly("EXPIRED=1", "VALID=1");
  }

  @Test
  void aFloodFromOneCheckpointStaysWithinItsDailyQuota() throws Exception {
    quota.forgetAll();
    checkLog.flush();
    Instant start = Instant.now().minusSeconds(60);
    int batches = OfflineCheckQuota.CHECKPOINT_DAILY / CheckingController.MAX_OFFLINE_BATCH;
    for (int b = 0; b < batches; b++) {
      assertThat(postOffline(flood("CHOT-LU", start, b * CheckingController.MAX_OFFLINE_BATCH)).getStatusCode())
          .isEqualTo(HttpStatus.OK);
    }
    ResponseEntity<String> beyond = postOffline(flood("CHOT-LU", start, batches * CheckingController.MAX_OFFLINE_BATCH));
    assertThat(beyond.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(json.readTree(beyond.getBody()).get("message").asText())
        .startsWith("Chốt CHOT-LU đã báo quá 5000 lượt kiểm tra ngoại tuyến cho ngày");
    assertThat(Long.parseLong(beyond.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 86_400L);
    checkLog.flush();
    assertThat(count("select count(*) from pass_check where checkpoint_id = 'CHOT-LU'"))
        .isEqualTo(OfflineCheckQuota.CHECKPOINT_DAILY);

    // Inventing checkpoint ids does not multiply the quota: one sender may report for a few checkpoints only.
    for (int i = 1; i < OfflineCheckQuota.ADDRESS_CHECKPOINTS; i++) {
      assertThat(postOffline(flood("CHOT-GIA-" + i, start, 0).replaceFirst("\\},.*", "}]")).getStatusCode())
          .isEqualTo(HttpStatus.OK);
    }
    ResponseEntity<String> invented = postOffline("[{\"checkedAt\":\"" + start + "\",\"status\":\"VALID\","
        + "\"checkpointId\":\"CHOT-GIA-MOI\"}]");
    assertThat(invented.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(invented.getBody()).contains("mã chốt khác nhau");
    quota.forgetAll();
  }

  private String flood(String checkpoint, Instant start, int first) {
    StringBuilder body = new StringBuilder("[");
    for (int i = first; i < first + CheckingController.MAX_OFFLINE_BATCH; i++) {
      body.append(i == first ? "" : ",").append("{\"checkedAt\":\"").append(start.minusMillis(i))
          .append("\",\"status\":\"MALFORMED\",\"checkpointId\":\"").append(checkpoint).append("\"}");
    }
    return body.append("]").toString();
  }

  private ResponseEntity<String> postOffline(String body) {
    return rest.postForEntity("/api/checks/offline", new HttpEntity<>(body, textPlain("application/json")),
        String.class);
  }

  private void assertRefused(String body, HttpStatus expected, String messagePart) {
    ResponseEntity<String> response = postOffline(body);
    assertThat(response.getStatusCode()).as(body.length() > 200 ? body.substring(0, 200) : body)
        .isEqualTo(expected);
    try {
      String message = json.readTree(response.getBody()).get("message").asText();
      assertThat(message).as(body.length() > 200 ? body.substring(0, 200) : body).containsIgnoringCase(messagePart);
      assertThat(response.getBody()).as("nothing sent is echoed").hasSizeLessThan(400).doesNotContain("<b>");
    } catch (java.io.IOException e) {
      throw new AssertionError(response.getBody(), e);
    }
  }

  private static HttpHeaders textPlain(String contentType) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, contentType);
    return headers;
  }

  @Test
  void aWithdrawnKeyStopsVerifyingAndLeavesTheJwks_otherWardsUntouched() throws Exception {
    LocalDate today = Dates.today();
    String leaked = individualPass("00082", today);
    Pass otherWard = issuePass("Nguyễn Văn Khác", today, today.plusDays(3));
    assertThat(status(post(leaked))).isEqualTo("VALID");
    String kid = codec.decode(leaked).kid();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var withdrawal = new HttpEntity<>("{\"reason\":\"Máy tính của công an phường bị đánh cắp\"}", headers);
    String path = "/api/signing-keys/" + kid + "/withdrawal";

    assertThat(rest.withBasicAuth("congan.tranhungdao", "test-password").postForEntity(path, withdrawal,
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("demo", "demo").postForEntity(path, withdrawal, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    JsonNode refused = json.readTree(post(leaked).getBody());
    assertThat(refused.get("status").asText()).isEqualTo("UNKNOWN_KEY");
    assertThat(refused.get("message").asText()).contains("bị thu hồi vì bị lộ");
    assertThat(json.readTree(rest.getForEntity("/api/keys", String.class).getBody()).get("keys")
        .findValuesAsText("kid")).doesNotContain(kid);
    assertThat(status(post(otherWard.qrText()))).isEqualTo("VALID");
    String reissued = individualPass("00082", today);
    assertThat(codec.decode(reissued).kid()).isNotEqualTo(kid);
    assertThat(status(post(reissued))).isEqualTo("VALID");
    assertThat(rest.withBasicAuth("demo", "demo").postForEntity(path, withdrawal, String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private String individualPass(String ward, LocalDate today) {
    PassClaims claims = new PassClaims("%s-%06d".formatted(ward, 900000 + today.getDayOfYear()), PassKind.INDIVIDUAL,
        "Lê Thị Lộ", "001******654", null, ward, Zone.GREEN, today, today.plusDays(3), null, "CA-" + ward,
        Instant.now());
    return codec.encode(claims, keys.activeKey(ward));
  }

  @Test
  void theCheckpointPageRunsOnlyItsOwnCode() {
    ResponseEntity<String> page = rest.getForEntity("/check/", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
        .isEqualTo(CheckPageConfig.CONTENT_SECURITY_POLICY).contains("script-src 'self';");
    assertThat(page.getHeaders().getFirst("Permissions-Policy")).startsWith("camera=(self)");
  }

  private void assertMalformed(String body, String messagePart) throws Exception {
    ResponseEntity<String> response = post(body);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode answer = json.readTree(response.getBody());
    assertThat(answer.get("status").asText()).isEqualTo("MALFORMED");
    assertThat(answer.get("message").asText()).contains(messagePart).endsWith("Không cho qua.");
    assertThat(answer.has("holderName")).isFalse();
  }

  private String marketCard(String dayRule, LocalDate today) {
    PassClaims claims = new PassClaims("00004-900001", PassKind.MARKET_CARD, "Hoàng Thị Chợ", "001******321", null,
        TRUC_BACH, Zone.GREEN, today.minusDays(1), today.plusDays(13), dayRule, "CA-" + TRUC_BACH, Instant.now());
    return codec.encode(claims, keys.activeKey(TRUC_BACH));
  }

  private PassVerifier verifierAt(Instant instant) {
    return new PassVerifier(codec, keys, standings, wards, Clock.fixed(instant, Dates.HANOI),
        PassVerifier.VERIFIED_CACHE_SIZE);
  }

  private ResponseEntity<String> post(String qrText) {
    return rest.postForEntity("/api/passes/verify", text(qrText), String.class);
  }

  private String status(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody()).get("status").asText();
  }

  private ResponseEntity<String> revoke(String user, String passNumber, String reason) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, PASSWORD).postForEntity("/api/passes/" + passNumber + "/revocation",
        new HttpEntity<>(json.writeValueAsString(Map.of("reason", reason)), headers), String.class);
  }

  private static HttpEntity<String> text(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    return new HttpEntity<>(body, headers);
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }
}
