package vn.giaydiduong.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import vn.giaydiduong.intake.StaffListFiles;

/**
 * The upload link over real HTTP: what a refused upload leaves in the database (a bounded record, never the
 * files), the link's quotas, the link dying with the accepted list or the closed registration, and hostile files
 * answered with a Vietnamese 4xx and nothing half-stored.
 */
class StaffListUploadLimitsTest extends IntakeTestSupport {

  @Autowired TestRestTemplate http;

  @Test
  void refusedUpload_keepsABoundedRecord_notTheFiles() throws Exception {
    Registration r = register(2);
    byte[] fake = "MZ this is a program, not a workbook".getBytes(StandardCharsets.US_ASCII);
    ResponseEntity<String> answer = upload(r, file("ds.xlsx", fake), file("giay-phep.pdf", "%PDF-1.4 x".getBytes()));
    assertThat(answer.getStatusCode().value()).isEqualTo(422);
    assertThat(answer.getBody()).contains("có đuôi .xlsx nhưng nội dung không phải tệp .xlsx");

    assertThat(count("select count(*) from staff_list_submission where application_id = ? and status = 'REFUSED' "
        + "and problem like '%ds.xlsx%'", r.applicationId())).isEqualTo(1);
    assertThat(count("select count(*) from staff_list_file f join staff_list_submission s on s.id = f.submission_id "
        + "where s.application_id = ?", r.applicationId())).isEqualTo(2);
    assertThat(count("select count(*) from staff_list_file f join staff_list_submission s on s.id = f.submission_id "
        + "where s.application_id = ? and f.content is not null", r.applicationId())).isZero();
    assertThat(count("select count(*) from staff_list_file f join staff_list_submission s on s.id = f.submission_id "
            + "where s.application_id = ? and f.filename = 'ds.xlsx' and f.size_bytes = ? and f.sha256 = ?",
        r.applicationId(), fake.length, StaffListSubmissions.sha256(fake))).isEqualTo(1);
  }

  @Test
  void link_takesAtMostItsDailyAndTotalQuota_thenOnlyCounts() throws Exception {
    Registration r = register(2);
    byte[] fake = "MZ".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 3; i++) {
      assertThat(upload(r, file("ds.xlsx", fake)).getStatusCode().value()).isEqualTo(422);
    }
    ResponseEntity<String> overDaily = upload(r, file("ds.xlsx", fake));
    assertThat(overDaily.getStatusCode().value()).isEqualTo(429);
    assertThat(overDaily.getBody()).contains("đã gửi 3 lần trong 24 giờ qua");
    assertThat(uploads(r)).isEqualTo(3);
    assertThat(dropCount(r.reference(), "LINK_DAILY_QUOTA")).isEqualTo(1);

    // A day later the link takes uploads again, up to its total.
    jdbc.update("update staff_list_submission set received_at = received_at - interval '2' day "
        + "where application_id = ?", r.applicationId());
    for (int i = 0; i < 2; i++) {
      assertThat(upload(r, file("ds.xlsx", fake)).getStatusCode().value()).isEqualTo(422);
    }
    ResponseEntity<String> overTotal = upload(r, file("ds.xlsx", StaffListFiles.xlsx(people(2))));
    assertThat(overTotal.getStatusCode().value()).isEqualTo(429);
    assertThat(overTotal.getBody()).contains("đã gửi 5 lần qua đường dẫn này");
    assertThat(uploads(r)).isEqualTo(5);
    assertThat(dropCount(r.reference(), "LINK_TOTAL_QUOTA")).isEqualTo(1);
  }

  @Test
  void link_isDeadOnceTheListIsAccepted() throws Exception {
    Registration r = register(2);
    assertThat(upload(r, file("ds.xlsx", StaffListFiles.xlsx(people(2)))).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> again = upload(r, file("ds.xlsx", StaffListFiles.xlsx(people(2))));
    assertThat(again.getStatusCode().value()).isEqualTo(422);
    assertThat(again.getBody()).contains("không còn chờ danh sách");
    assertThat(uploads(r)).isEqualTo(1);
    assertThat(dropCount(r.reference(), "LINK_DEAD")).isEqualTo(1);
  }

  @Test
  void link_isDeadOnceTheRegistrationIsClosed() throws Exception {
    Registration r = register(2);
    executeJobs(r.instance(), 3); // the first wait ends: reminder
    executeJobs(r.instance(), 3); // the second wait ends: closed
    assertThat(count("select count(*) from organization_registration where application_id = ? "
        + "and closed_at is not null", r.applicationId())).isEqualTo(1);
    ResponseEntity<String> late = upload(r, file("ds.xlsx", StaffListFiles.xlsx(people(2))));
    assertThat(late.getStatusCode().value()).isEqualTo(422);
    assertThat(late.getBody()).contains("không còn chờ danh sách");
    assertThat(uploads(r)).isZero();
    assertThat(dropCount(r.reference(), "LINK_DEAD")).isEqualTo(1);
  }

  @Test
  void hostileFiles_get4xxInVietnamese_andNothingHalfStored() throws Exception {
    Registration r = register(2);
    ResponseEntity<String> bomb = upload(r, file("ds.xlsx", StaffListFiles.zipBomb()));
    assertThat(bomb.getStatusCode().value()).isEqualTo(422);
    assertThat(bomb.getBody()).contains("nội dung nén bất thường");

    ResponseEntity<String> renamed = upload(r, file("ds.csv", StaffListFiles.xlsx(people(2))),
        file("anh.png", "%PDF-1.4".getBytes()));
    assertThat(renamed.getStatusCode().value()).isEqualTo(422);
    assertThat(renamed.getBody()).contains("Tệp \"anh.png\" có đuôi .png nhưng nội dung không phải tệp .png");

    ResponseEntity<String> huge = upload(r, file("ds.csv", StaffListFiles.csv(people(20_000), ',', true)));
    assertThat(huge.getStatusCode().value()).isEqualTo(422);
    assertThat(huge.getBody()).contains("Danh sách có hơn 10000 người");

    assertThat(uploads(r)).isEqualTo(3);
    assertThat(count("select count(*) from staff_list_file f join staff_list_submission s on s.id = f.submission_id "
        + "where s.application_id = ? and f.content is not null", r.applicationId())).isZero();
    assertThat(count("select count(*) from applicant where application_id = ?", r.applicationId())).isZero();
    assertThat(runtimeService.getActiveActivityIds(r.instance().getId())).contains("Gateway_WaitForList");
  }

  @Test
  void errors_areVietnamesePages_withoutStackTraces() {
    ResponseEntity<String> unknown = http.getForEntity("/to-chuc/nop-danh-sach/" + "x".repeat(43), String.class);
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getBody()).contains("Đường dẫn không hợp lệ").doesNotContain("Exception", "at vn.");
  }

  private int uploads(Registration r) {
    return count("select count(*) from staff_list_submission where application_id = ? and channel = 'UPLOAD'",
        r.applicationId());
  }

  private int dropCount(String reference, String reason) {
    return jdbc.queryForList("select drop_count from staff_list_drop where channel = 'UPLOAD' and source = ? "
        + "and reason = ?", Integer.class, reference.toLowerCase(), reason).stream().mapToInt(i -> i).sum();
  }

  /** As a browser posts the form: multipart with a declared length (the size gate refuses chunked bodies). */
  private ResponseEntity<String> upload(Registration r, Part... files) throws Exception {
    String boundary = "----giaydiduong" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Part f : files) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + f.filename()
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(f.content());
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(http.getRootUri() + "/to-chuc/nop-danh-sach/"
            + r.token())).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request,
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return ResponseEntity.status(response.statusCode())
        .body(org.springframework.web.util.HtmlUtils.htmlUnescape(response.body()));
  }

  record Part(String filename, byte[] content) {
  }

  private static Part file(String filename, byte[] content) {
    return new Part(filename, content);
  }
}
