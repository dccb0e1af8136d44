package vn.giaydiduong.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.HtmlUtils;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.security.SecurityHttpTest;

/**
 * The CSKV's upload page over HTTP: a preview marks every problem on its row and stores nothing; confirming
 * starts the case in the uploader's own ward (a forged ward parameter changes nothing) as the uploader; nobody
 * else can confirm their upload; only CSKV officers use the page.
 */
@SecurityHttpTest
class ListUploadHttpTest {

  private static final String PASSWORD = "test-password";
  private static final Pattern TOKEN = Pattern.compile("name=\"ma\" value=\"([A-Za-z0-9_-]+)\"");

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired ApplicationStore applications;
  @Autowired JdbcClient jdbc;
  @Autowired IdentityService identityService;
  @Autowired PendingUploads pendingUploads;

  private static String person(String name, String idNumber, String phone) {
    String from = Dates.format(Dates.today());
    String until = Dates.format(Dates.today().plusDays(6));
    return name + ",01/02/1990," + idNumber + "," + phone + ",,3 phố Trúc Bạch,,Chợ Long Biên,Đi làm," + from + ","
        + until;
  }

  private static String csv(String... people) {
    return "Họ và tên,Ngày sinh,Số CCCD/CMND,Số điện thoại,Email,Nơi ở,Nơi làm việc,Nơi đến,Mục đích,Từ ngày,"
        + "Đến ngày\n" + String.join("\n", people) + "\n";
  }

  private ResponseEntity<String> preview(String user, String kind, String filename, byte[] content) {
    return rest.withBasicAuth(user, PASSWORD).postForEntity(ListUploadController.BASE,
        Multipart.of(Map.of("loai", kind), "tep", filename, content), String.class);
  }

  private ResponseEntity<String> confirm(String user, String kind, String token, String... extra) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("loai", kind);
    form.add("ma", token);
    for (int i = 0; i < extra.length; i += 2) {
      form.add(extra[i], extra[i + 1]);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return rest.withBasicAuth(user, PASSWORD).postForEntity(ListUploadController.BASE + "/xac-nhan",
        new HttpEntity<>(form, headers), String.class);
  }

  private static String token(ResponseEntity<String> page) {
    Matcher m = TOKEN.matcher(page.getBody());
    assertThat(m.find()).as("a confirm form: %s", page.getBody()).isTrue();
    return m.group(1);
  }

  private long pendingOf(String user) {
    return jdbc.sql("select count(*) from pending_upload where owner_id = ?").param(user).query(Long.class).single();
  }

  @Test
  void aListNobodyConfirmedIsDroppedAfterADay() {
    String fresh = token(preview("cskv.phucxa", "ca-nhan", "ds.csv",
        csv(person("Lê Văn Bình", "001090123456", "0912 345 678")).getBytes(StandardCharsets.UTF_8)));
    token(preview("cskv.tranhungdao", "ca-nhan", "ds.csv",
        csv(person("Trần Thị Cúc", "001090123457", "0912 345 679")).getBytes(StandardCharsets.UTF_8)));
    jdbc.sql("update pending_upload set created_at = ? where owner_id = ?")
        .params(OffsetDateTime.now().minusHours(25), "cskv.tranhungdao").update();

    assertThat(pendingUploads.dropExpired()).isEqualTo(1);

    assertThat(pendingOf("cskv.tranhungdao")).isZero();
    assertThat(pendingOf("cskv.phucxa")).isEqualTo(1);
    assertThat(confirm("cskv.phucxa", "ca-nhan", fresh).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void previewMarksEveryProblemOnItsRowAndStoresNothing() {
    long instances = runtimeService.createProcessInstanceQuery().count();
    ResponseEntity<String> page = preview("cskv.trucbach", "ca-nhan", "ds.csv", csv(
        person("Lê Văn Bình", "001090123456", "0912 345 678"),
        person("Trần Thị Cúc", "001090123457", "0243.826.1234"),
        person("Phạm Văn Dũng", "12345", "09123"),
        person("Đỗ Thị Em", "001090123456", "0987654321")).getBytes(StandardCharsets.UTF_8));

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    String html = HtmlUtils.htmlUnescape(page.getBody());
    assertThat(html).contains("Có 3 lỗi");
    // Each problem stands in the row it belongs to, which is marked; the good rows are not.
    assertThat(rowOf(html, "Phạm Văn Dũng")).contains("class=\"problem\"")
        .contains("số CCCD/CMND \"12345\" không hợp lệ").contains("số điện thoại \"09123\" không hợp lệ");
    assertThat(rowOf(html, "Đỗ Thị Em")).contains("class=\"problem\"").contains("trùng với người thứ 1");
    assertThat(rowOf(html, "Lê Văn Bình")).doesNotContain("class=\"problem\"");
    assertThat(rowOf(html, "Trần Thị Cúc")).doesNotContain("class=\"problem\"").contains("0243.826.1234");
    assertThat(page.getBody()).doesNotContain("name=\"ma\"");
    assertThat(pendingOf("cskv.trucbach")).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  private static String rowOf(String html, String name) {
    int at = html.indexOf(name);
    assertThat(at).as(name).isPositive();
    return html.substring(html.lastIndexOf("<tr", at), html.indexOf("</tr>", at));
  }

  @Test
  void confirmStartsTheCaseInTheUploadersWardWhateverTheRequestSays() {
    String token = token(preview("cskv.trucbach", "ca-nhan", "ds.csv",
        csv(person("Lê Văn Bình", "001090123456", "0912.345.678")).getBytes(StandardCharsets.UTF_8)));
    assertThat(pendingOf("cskv.trucbach")).isEqualTo(1);

    ResponseEntity<String> done = confirm("cskv.trucbach", "ca-nhan", token, "ward", "00001", "wardCode", "00001",
        "ma-phuong", "00001");

    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Matcher reference = Pattern.compile("id=\"reference\">(HS-\\d+)<").matcher(done.getBody());
    assertThat(reference.find()).isTrue();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(
        reference.group(1)).singleResult();
    assertThat(instance.getProcessDefinitionId()).startsWith("individual-pass:");
    var application = applications.findByProcessInstance(instance.getId()).orElseThrow();
    assertThat(application.wardCode()).isEqualTo("00004");
    assertThat(application.registeredBy()).isEqualTo("cskv.trucbach");
    assertThat(pendingOf("cskv.trucbach")).isZero();
    assertThat(confirm("cskv.trucbach", "ca-nhan", token).getStatusCode()).as("used once")
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aCskvOfAnotherWardCannotContinueSomeoneElsesUpload() {
    String token = token(preview("cskv.trucbach", "ca-nhan", "ds.csv",
        csv(person("Lê Văn Bình", "001090123456", "0912345678")).getBytes(StandardCharsets.UTF_8)));
    long instances = runtimeService.createProcessInstanceQuery().count();

    ResponseEntity<String> stolen = confirm("cskv.phucxa", "ca-nhan", token);

    assertThat(stolen.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(HtmlUtils.htmlUnescape(stolen.getBody())).contains("Không tìm thấy danh sách đã xem trước");
    // Nor a colleague of the same ward: an upload is its uploader's until confirmed.
    assertThat(confirm(colleagueOfTrucBach(), "ca-nhan", token).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(confirm("cskv.trucbach", "ca-nhan", token).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  private String colleagueOfTrucBach() {
    String id = "cskv.trucbach.hai";
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, Role.CSKV.groupId());
      identityService.createMembership(id, Role.CSKV.groupOf("00004"));
    }
    return id;
  }

  @Test
  void theHouseholdTemplateComesBackAsAMarketCardCase() {
    byte[] template = rest.withBasicAuth("cskv.phucxa", PASSWORD)
        .getForEntity(ListUploadController.BASE + "/mau-the-di-cho.xlsx", byte[].class).getBody();
    ResponseEntity<String> page = preview("cskv.phucxa", "the-di-cho", "ho.xlsx", template);
    assertThat(HtmlUtils.htmlUnescape(page.getBody())).contains("Không có lỗi").contains("Họ tên người đi chợ");

    ResponseEntity<String> done = confirm("cskv.phucxa", "the-di-cho", token(page));

    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Matcher reference = Pattern.compile("id=\"reference\">(HS-\\d+)<").matcher(done.getBody());
    assertThat(reference.find()).isTrue();
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(
        reference.group(1)).singleResult();
    assertThat(instance.getProcessDefinitionId()).startsWith("market-card:");
    assertThat(applications.findByProcessInstance(instance.getId()).orElseThrow().wardCode()).isEqualTo("00001");
  }

  @Test
  void hostileAndWrongFilesAreRefusedInVietnamese() {
    ResponseEntity<String> xls = preview("cskv.trucbach", "ca-nhan", "ds.xls",
        new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
    assertThat(xls.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(HtmlUtils.htmlUnescape(xls.getBody())).contains("chỉ nhận tệp .xlsx hoặc .csv");
    ResponseEntity<String> renamed = preview("cskv.trucbach", "ca-nhan", "ds.xlsx",
        "không phải zip".getBytes(StandardCharsets.UTF_8));
    assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(HtmlUtils.htmlUnescape(renamed.getBody())).contains("nội dung không phải tệp .xlsx");
  }

  @Test
  void onlyCskvOfficersUseThePage() {
    assertThat(rest.withBasicAuth("cskv.trucbach", PASSWORD).getForEntity(ListUploadController.BASE, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    for (String user : new String[] {"canbo.trucbach", "congan.trucbach", "giamsat"}) {
      assertThat(rest.withBasicAuth(user, PASSWORD).getForEntity(ListUploadController.BASE, String.class)
          .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(preview("canbo.trucbach", "ca-nhan", "ds.csv", csv(person("Lê Văn Bình", "001090123456",
        "0912345678")).getBytes(StandardCharsets.UTF_8)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity(ListUploadController.BASE, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
