package vn.giaydiduong.pass;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;

/** PDFs of stamped passes for the officials of the issuing ward (and supervisors); linked from Tasklist forms. */
@RestController
public class PassController {

  private final ApplicationStore applications;
  private final PassRegistry registry;
  private final PassDocuments documents;
  private final Officials officials;

  public PassController(ApplicationStore applications, PassRegistry registry, PassDocuments documents,
      Officials officials) {
    this.applications = applications;
    this.registry = registry;
    this.documents = documents;
    this.officials = officials;
  }

  @GetMapping("/api/applications/{id}/passes.pdf")
  public ResponseEntity<byte[]> bundle(@PathVariable long id) {
    requireWard(applications.find(id).map(ApplicationStore.Application::wardCode).orElse(null));
    byte[] pdf = documents.bundle(id)
        .orElseThrow(() -> new InvalidInputException("Hồ sơ này chưa có giấy đi đường đã đóng dấu."));
    return pdf("ho-so-" + id + "-giay-di-duong.pdf", pdf);
  }

  @GetMapping("/api/passes/{passNumber}.pdf")
  public ResponseEntity<byte[]> pass(@PathVariable String passNumber) {
    Pass pass = registry.find(passNumber).orElse(null);
    requireWard(pass == null ? null : pass.wardCode());
    if (pass.status() != PassStatus.ISSUED && pass.status() != PassStatus.DELIVERED) {
      throw new InvalidInputException("Giấy " + passNumber + " chưa được đóng dấu hoặc không còn hiệu lực.");
    }
    return pdf("giay-di-duong-" + passNumber + ".pdf", documents.renderPass(pass));
  }

  /** Unknown and foreign records answer alike, so nobody learns which numbers exist in other wards. */
  private void requireWard(String wardCode) {
    if (wardCode == null || !officials.currentUserMaySee(wardCode)) {
      throw new AccessDeniedException("Không tìm thấy, hoặc bạn không có quyền xem hồ sơ của phường này.");
    }
  }

  private static ResponseEntity<byte[]> pdf(String filename, byte[] content) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString())
        .body(content);
  }
}
