package vn.giaydiduong.organization;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.ApplicationStore;

/**
 * The files an organization sent (staff list, supporting documents), for the officials of its ward; linked from
 * the review form. Always a download: a stranger's file is never shown inline in the officials' browser.
 */
@RestController
public class StaffListFileController {

  private final StaffListSubmissions submissions;
  private final ApplicationStore applications;
  private final Officials officials;

  public StaffListFileController(StaffListSubmissions submissions, ApplicationStore applications,
      Officials officials) {
    this.submissions = submissions;
    this.applications = applications;
    this.officials = officials;
  }

  @GetMapping("/api/staff-list-files/{id}")
  public ResponseEntity<byte[]> file(@PathVariable long id) {
    var file = submissions.file(id).filter(f -> f.applicationId() != null
        && applications.find(f.applicationId()).map(a -> officials.currentUserMaySee(a.wardCode())).orElse(false))
        .orElseThrow(() -> new AccessDeniedException("Không tìm thấy, hoặc bạn không có quyền xem tệp này."));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.filename(),
            java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff").body(file.content());
  }
}
