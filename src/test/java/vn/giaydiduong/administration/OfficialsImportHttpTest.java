package vn.giaydiduong.administration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.HtmlUtils;
import vn.giaydiduong.identity.IdentityBootstrap;
import vn.giaydiduong.security.SecurityHttpTest;
import vn.giaydiduong.upload.Multipart;

/**
 * Creating officials over HTTP: only administrators; every row's problems shown before anything is created; a
 * confirmed import creates each user with a working initial password and both memberships (role, role in the
 * ward). And the ward groups carry names that read naturally and are found by the ward's name.
 */
@SecurityHttpTest
class OfficialsImportHttpTest {

  private static final Pattern TOKEN = Pattern.compile("name=\"ma\" value=\"([A-Za-z0-9_-]+)\"");

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identityService;
  @Autowired IdentityBootstrap bootstrap;

  private static final String CSV = "Tên đăng nhập,Họ và tên,Mã phường,Vai trò,Email\n"
      + "cskv.phucxa2,Nguyễn Văn An,00001,cskv,an@example.vn\n"
      + "canbo.trucbach2,Trần Thị Bích Ngọc,4,officials,ngoc@example.vn\n";

  private ResponseEntity<String> preview(String user, String password, String csv) {
    return rest.withBasicAuth(user, password).postForEntity(OfficialsImportController.BASE,
        Multipart.of(Map.of(), "tep", "can-bo.csv", csv.getBytes(StandardCharsets.UTF_8)), String.class);
  }

  private ResponseEntity<String> confirm(String user, String password, String token) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("ma", token);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return rest.withBasicAuth(user, password).postForEntity(OfficialsImportController.BASE + "/xac-nhan",
        new HttpEntity<>(form, headers), String.class);
  }

  @Test
  void anImportCreatesEachOfficialWithBothMembershipsAndAPasswordShownOnce() {
    ResponseEntity<String> page = preview("demo", "demo", CSV);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(HtmlUtils.htmlUnescape(page.getBody())).contains("Không có lỗi").contains("Phường Trúc Bạch");
    assertThat(identityService.createUserQuery().userId("cskv.phucxa2").count()).as("preview creates nothing")
        .isZero();
    Matcher token = TOKEN.matcher(page.getBody());
    assertThat(token.find()).isTrue();

    ResponseEntity<String> done = confirm("demo", "demo", token.group(1));

    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(done.getHeaders().getCacheControl()).contains("no-store");
    assertThat(groupsOf("cskv.phucxa2")).containsExactlyInAnyOrder("cskv", "cskv-00001");
    assertThat(groupsOf("canbo.trucbach2")).containsExactlyInAnyOrder("officials", "officials-00004");
    User ngoc = identityService.createUserQuery().userId("canbo.trucbach2").singleResult();
    assertThat(ngoc.getFirstName() + " " + ngoc.getLastName()).isEqualTo("Trần Thị Bích Ngọc");
    assertThat(ngoc.getEmail()).isEqualTo("ngoc@example.vn");
    Matcher password = Pattern.compile("<td>cskv\\.phucxa2</td>.*?class=\"password\">([^<]+)<", Pattern.DOTALL)
        .matcher(done.getBody());
    assertThat(password.find()).isTrue();
    assertThat(identityService.checkPassword("cskv.phucxa2", HtmlUtils.htmlUnescape(password.group(1)))).isTrue();
    // The new CSKV works in their ward at once.
    assertThat(rest.withBasicAuth("cskv.phucxa2", HtmlUtils.htmlUnescape(password.group(1)))
        .getForEntity("/api/danh-sach", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(confirm("demo", "demo", token.group(1)).getStatusCode()).as("used once")
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  @Test
  void everyRowsProblemsAreShownAndNothingIsCreated() {
    ResponseEntity<String> page = preview("demo", "demo", "Tên đăng nhập,Họ và tên,Mã phường,Vai trò,Email\n"
        + "cskv.trucbach,Lê Văn Cường,00004,cskv,c@example.vn\n"
        + "Người Mới,Lê Văn Dũng,99999,admin,khong-phai-email\n"
        + "canbo.moi,Lê Văn Em,00001,officials,e@example.vn\n"
        + "canbo.moi,Lê Thị Gấm,00001,officials,g@example.vn\n");

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    String html = HtmlUtils.htmlUnescape(page.getBody());
    assertThat(html).contains("Có 6 lỗi")
        .contains("Người thứ 1 (dòng 2): đã có tài khoản \"cskv.trucbach\"")
        .contains("Người thứ 2 (dòng 3): tên đăng nhập \"người mới\" chỉ được gồm chữ không dấu")
        .contains("Người thứ 2 (dòng 3): mã phường \"99999\" không có trong danh mục")
        .contains("Người thứ 2 (dòng 3): vai trò \"admin\" không hợp lệ")
        .contains("Người thứ 2 (dòng 3): email \"khong-phai-email\" không hợp lệ")
        .contains("Người thứ 4 (dòng 5): tên đăng nhập \"canbo.moi\" trùng với người thứ 3");
    assertThat(page.getBody()).doesNotContain("name=\"ma\"");
    assertThat(identityService.createUserQuery().userId("canbo.moi").count()).isZero();
  }

  @Test
  void onlyAdministratorsImportOfficials() {
    for (String user : List.of("cskv.trucbach", "canbo.trucbach", "giamsat", "phantich")) {
      assertThat(rest.withBasicAuth(user, "test-password").getForEntity(OfficialsImportController.BASE,
          String.class).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      ResponseEntity<String> post = preview(user, "test-password", CSV.replace("phucxa2", "phucxa3")
          .replace("trucbach2", "trucbach3"));
      assertThat(post.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(HtmlUtils.htmlUnescape(post.getBody())).contains("Chỉ quản trị hệ thống");
      assertThat(confirm(user, "test-password", "x").getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(identityService.createUserQuery().userId("cskv.phucxa3").count()).isZero();
    assertThat(rest.withBasicAuth("demo", "demo").getForEntity(OfficialsImportController.BASE, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void wardGroupsReadNaturallyAreFoundByWardNameAndOldNamesAreUpdatedOnStart() {
    Group group = identityService.createGroupQuery().groupId("officials-00001").singleResult();
    assertThat(group.getName()).isEqualTo("Cán bộ phường – Phúc Xá (Ba Đình)");
    assertThat(identityService.createGroupQuery().groupNameLike("%Phúc Xá%").list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("cskv-00001", "officials-00001", "police-00001");

    group.setName("Cán bộ phường – Phường Phúc Xá, Quận Ba Đình");
    identityService.saveGroup(group);
    bootstrap.run(null);

    assertThat(identityService.createGroupQuery().groupId("officials-00001").singleResult().getName())
        .isEqualTo("Cán bộ phường – Phúc Xá (Ba Đình)");
  }
}
