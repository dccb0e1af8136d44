package vn.giaydiduong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.apache.commons.codec.binary.Base45;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.intake.StaffListFiles;
import vn.giaydiduong.organization.OrganizationPassProcessTest;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/<entry>/}, plus huge inputs made here) through the
 * real entry points: the REST start of a registration ({@code residents}, {@code households}), the checkpoint's
 * {@code POST /api/passes/verify}, an organization's upload page and the ward mailbox. Each input is refused in
 * Vietnamese (a 4xx, a refusal mail; a scanned text gets the checkpoint's documented 200 {@code MALFORMED}),
 * nothing of it comes back as live markup, nothing is logged as an error or with a stack trace, and the app
 * stays healthy.
 */
@SecurityHttpTest
class HostileInputTest extends ProcessTestSupport {

  private static final String REST = SecurityHttpTest.REST;
  private static final String PASSWORD = "test-password";
  private static final String WARD_MAILBOX = "qrca.bd.tb1@gmail.com";
  /** A letter only Vietnamese writes: the message is the app's own, in Vietnamese. */
  private static final Pattern VIETNAMESE = Pattern.compile("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]",
      Pattern.CASE_INSENSITIVE);
  /** What would be live markup, or text turned around, had an input been written into a page or mail as is. */
  private static final List<String> UNESCAPED = List.of("<img src=x", "<script>alert", "<b onmouseover", "<b>gấp",
      "\u202e");
  private static final Pattern UPLOAD_LINK = Pattern.compile("/to-chuc/nop-danh-sach/([A-Za-z0-9_-]{43})");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;

  /** One hostile input: which entry point takes it, and its bytes. */
  record Hostile(String entry, String name, byte[] content) {
    @Override
    public String toString() {
      return entry + "/" + name;
    }
  }

  static Stream<Hostile> corpus() throws IOException {
    List<Hostile> inputs = new ArrayList<>();
    for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:hostile/*/*")) {
      String path = file.getURL().getPath();
      String entry = path.substring(0, path.lastIndexOf('/'));
      inputs.add(new Hostile(entry.substring(entry.lastIndexOf('/') + 1), file.getFilename(),
          file.getContentAsByteArray()));
    }
    // Too big to commit: made here.
    StringBuilder manyRows = new StringBuilder("[");
    for (int i = 0; i < 20_000; i++) {
      manyRows.append(i == 0 ? "" : ",").append("{\"fullName\":\"Trần Văn An\",\"dateOfBirth\":\"15/05/1985\","
          + "\"idNumber\":\"001085%06d\",\"phone\":\"0912345678\",\"address\":\"12 Phố Huế\",\"validFrom\":\"@TODAY@\","
          + "\"validUntil\":\"@TODAY+7@\"}".formatted(i));
    }
    inputs.add(new Hostile("residents", "20000-rows (generated)", manyRows.append(']').toString()
        .getBytes(StandardCharsets.UTF_8)));
    inputs.add(new Hostile("residents", "nested-100000-deep (generated)", ("[".repeat(100_000) + "]".repeat(100_000))
        .getBytes(StandardCharsets.UTF_8)));
    inputs.add(new Hostile("upload", "20000-rows.csv (generated)",
        StaffListFiles.csv(StaffListFiles.people(20_000, 700_000), ',', true)));
    inputs.add(new Hostile("upload", "zip-bomb.xlsx (generated)", StaffListFiles.zipBomb()));
    // CBOR heads announcing 2^64-1 items or bytes, inside a well-formed prefix, zlib and Base45.
    inputs.add(new Hostile("qr", "huge-cbor-array-length (generated)", qr(new byte[] {(byte) 0x9b, -1, -1, -1, -1,
        -1, -1, -1, -1})));
    inputs.add(new Hostile("qr", "huge-cbor-byte-string-length (generated)", qr(new byte[] {(byte) 0x84,
        (byte) 0x5b, -1, -1, -1, -1, -1, -1, -1, -1})));
    inputs.add(new Hostile("qr", "zlib-bomb (generated)", qr(new byte[10 * 1024 * 1024])));
    return inputs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void hostileInput_isRefusedInVietnamese_neverShownAsMarkup_andTheAppStaysHealthy(Hostile input)
      throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      switch (input.entry()) {
        case "residents" -> refusedStart("individual-pass", "residents", input);
        case "households" -> refusedStart("market-card", "households", input);
        case "qr" -> malformedScan(input);
        case "upload" -> refusedUpload(input);
        case "mail" -> refusalMail(input);
        default -> throw new IllegalArgumentException("No entry point for " + input);
      }
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list).as("errors, or warnings with a stack trace, logged for a user's input")
        .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)
            || e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null);
    ResponseEntity<String> health = rest.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode().value()).isEqualTo(200);
    assertThat(health.getBody()).contains("UP");
  }

  private void refusedStart(String process, String variable, Hostile input) throws Exception {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(process).count();
    String list = new String(input.content(), StandardCharsets.UTF_8)
        .replace("@TODAY+7@", Dates.today().plusDays(7).toString()).replace("@TODAY@", Dates.today().toString());
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answer = rest.withBasicAuth("cskv.trucbach", PASSWORD).exchange(
        REST + "/process-definition/key/" + process + "/start", HttpMethod.POST, new HttpEntity<>(
            JSON.writeValueAsString(Map.of("variables", Map.of(variable, Map.of("type", "String", "value", list)))),
            headers), String.class);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isBetween(400, 499);
    String message = JSON.readTree(answer.getBody()).path("message").asText();
    assertThat(message).containsPattern(VIETNAMESE).doesNotContain("Exception", "Cannot ", process + ":");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(process).count()).isEqualTo(before);
  }

  private void malformedScan(Hostile input) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<String> answer = rest.postForEntity("/api/passes/verify", new HttpEntity<>(input.content(),
        headers), String.class);
    // The officer's question is answered: a damaged code is MALFORMED (a 4xx would send the page offline).
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    JsonNode verdict = JSON.readTree(answer.getBody());
    assertThat(verdict.path("status").asText()).isEqualTo("MALFORMED");
    assertThat(verdict.path("message").asText()).containsPattern(VIETNAMESE);
  }

  private void refusedUpload(Hostile input) throws Exception {
    UploadLink link = newUploadLink();
    // A browser's multipart body, with its length declared (the page refuses a body of unknown length).
    String boundary = "----hostile" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
        + input.name().replace(" (generated)", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.write(input.content());
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            rest.getRootUri() + "/to-chuc/nop-danh-sach/" + link.token()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("text/html"));
    assertThat(answer.body()).contains("Chưa nhận được danh sách").containsPattern(VIETNAMESE);
    assertNoUnescapedMarkup(answer.body());
    assertThat(jdbc.queryForObject("select count(*) from applicant a join pass_application p "
        + "on p.id = a.application_id where p.process_instance_id = ?", Integer.class, link.instanceId())).isZero();
  }

  private void refusalMail(Hostile input) throws Exception {
    MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(input.content()));
    String sender = ((InternetAddress) mail.getFrom()[0]).getAddress();
    greenMail.getUserManager().getUserByEmail(WARD_MAILBOX).deliver(mail);

    await().atMost(Duration.ofSeconds(30)).until(() -> greenMail.getReceivedMessagesForDomain(sender).length > 0);
    MimeMessage[] answers = greenMail.getReceivedMessagesForDomain(sender);
    assertThat(answers).hasSize(1);
    MimeMessage answer = answers[0];
    assertThat(answer.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly(sender);
    assertThat(answer.getHeader("X-Injected")).isNull();
    assertThat(answer.getHeader("Bcc")).isNull();
    // A subject is text: what the sender wrote, not its HTML escape.
    assertThat(answer.getSubject()).doesNotContain("&lt;", "&amp;", "&gt;");
    assertNoUnescapedMarkup(answer.getSubject().replace("<img src=x onerror=alert(1)>", "")
        .replace("<b>gấp</b>", ""));
    String html = String.valueOf(answer.getContent());
    assertThat(html).containsPattern(VIETNAMESE);
    assertNoUnescapedMarkup(html);
    await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(greenMail.getReceivedMessagesForDomain(
        WARD_MAILBOX)).filter(m -> from(m).equals(sender)).allMatch(m -> seen(m)));
    assertThat(jdbc.queryForObject("select count(*) from staff_list_submission where sender = ? "
        + "and status <> 'ACCEPTED'", Integer.class, sender)).isEqualTo(1);
  }

  private static void assertNoUnescapedMarkup(String text) {
    for (String markup : UNESCAPED) {
      assertThat(text).doesNotContain(markup);
    }
  }

  private record UploadLink(String instanceId, String token) {
  }

  /** A registration waiting for its staff list, and the upload link its confirmation mail carries. */
  private UploadLink newUploadLink() throws Exception {
    actAs("cskv.trucbach");
    ProcessInstance instance;
    String email = "hostile-" + System.nanoTime() + "@example.vn";
    try {
      Map<String, Object> form = OrganizationPassProcessTest.registration(2);
      form.put("contactEmail", email);
      instance = runtimeService.startProcessInstanceByKey("organization-pass", form);
    } finally {
      identityService.clearAuthentication();
    }
    completeTask(instance, "canbo.trucbach", Map.of());
    for (Job job; (job = managementService.createJobQuery().rootProcessInstanceId(instance.getId()).executable()
        .singleResult()) != null; ) {
      managementService.executeJob(job.getId());
    }
    MimeMessage confirmation = greenMail.getReceivedMessagesForDomain(email)[0];
    Matcher link = UPLOAD_LINK.matcher(String.valueOf(confirmation.getContent()));
    assertThat(link.find()).isTrue();
    return new UploadLink(instance.getId(), link.group(1));
  }

  private static String from(MimeMessage m) {
    try {
      return ((InternetAddress) m.getFrom()[0]).getAddress();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean seen(MimeMessage m) {
    try {
      return m.getFlags().contains(Flags.Flag.SEEN);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] qr(byte[] cbor) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(cbor);
    deflater.finish();
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      zlib.write(buffer, 0, deflater.deflate(buffer));
    }
    return (PassCodec.PREFIX + Base45.builder().get().encodeToString(zlib.toByteArray()))
        .getBytes(StandardCharsets.US_ASCII);
  }
}
