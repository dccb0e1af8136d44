package vn.giaydiduong.organization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.intake.StaffListColumn;
import vn.giaydiduong.intake.StaffListTemplate;
import vn.giaydiduong.organization.OrganizationStore.LinkPurpose;
import vn.giaydiduong.organization.StaffListSubmissions.IncomingFile;
import vn.giaydiduong.pass.PassDocuments;

/**
 * The organization's side, without login: the staff list templates, the upload page opened by the secret link of
 * the confirmation mail, and the print bundle opened by the link of the delivery mail. A wrong or old link
 * answers like an unknown page, telling nothing about which registrations exist. A valid link takes a bounded
 * number of uploads and none once the list was accepted or the registration closed
 * ({@link StaffListIntake#uploadRefusal}).
 */
@RestController
public class StaffListUploadController {

  public static final String BASE = "/to-chuc";

  private final OrganizationStore organizations;
  private final StaffListIntake intake;
  private final PassDocuments documents;
  private final OrganizationProperties properties;
  private final TemplateEngine pages = new TemplateEngine();

  public StaffListUploadController(OrganizationStore organizations, StaffListIntake intake,
      PassDocuments documents, OrganizationProperties properties) {
    this.organizations = organizations;
    this.intake = intake;
    this.documents = documents;
    this.properties = properties;
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/web/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    pages.setTemplateResolver(resolver);
  }

  @GetMapping(BASE + "/mau-danh-sach.xlsx")
  public ResponseEntity<byte[]> templateXlsx() {
    return file("mau-danh-sach-nhan-vien.xlsx",
        MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        StaffListTemplate.xlsx());
  }

  @GetMapping(BASE + "/mau-danh-sach.csv")
  public ResponseEntity<byte[]> templateCsv() {
    return file("mau-danh-sach-nhan-vien.csv", MediaType.parseMediaType("text/csv;charset=UTF-8"),
        StaffListTemplate.csv());
  }

  @GetMapping(value = BASE + "/nop-danh-sach/{token}", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  public ResponseEntity<String> uploadPage(@PathVariable String token) {
    return organizations.resolveLink(token, LinkPurpose.UPLOAD)
        .map(id -> ResponseEntity.ok(page(id, null)))
        .orElseGet(StaffListUploadController::unknownLink);
  }

  @PostMapping(value = BASE + "/nop-danh-sach/{token}", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  public ResponseEntity<String> upload(@PathVariable String token,
      @RequestParam(name = "files", required = false) List<MultipartFile> uploaded) throws IOException {
    var applicationId = organizations.resolveLink(token, LinkPurpose.UPLOAD);
    if (applicationId.isEmpty()) {
      return unknownLink();
    }
    // A dead link or one over its quota takes nothing: the files are neither looked at nor stored, only counted.
    var refusal = intake.uploadRefusal(applicationId.get());
    if (refusal.isPresent()) {
      long bytes = uploaded == null ? 0 : uploaded.stream().mapToLong(MultipartFile::getSize).sum();
      intake.dropUpload(applicationId.get(), refusal.get(), bytes);
      var outcome = new StaffListIntake.Outcome(StaffListSubmissions.Status.REFUSED,
          ProcessVariables.reference(applicationId.get()), 0, List.of(refusal.get().message()));
      return ResponseEntity.status(refusal.get().httpStatus()).body(page(applicationId.get(), outcome));
    }
    List<IncomingFile> files = new ArrayList<>();
    for (MultipartFile f : uploaded == null ? List.<MultipartFile>of() : uploaded) {
      if (!f.isEmpty()) {
        files.add(new IncomingFile(f.getOriginalFilename(), f.getContentType(), f.getSize(), f.getBytes()));
      }
    }
    var outcome = intake.receiveUpload(applicationId.get(), files);
    HttpStatus status = outcome.status() == StaffListSubmissions.Status.ACCEPTED ? HttpStatus.OK
        : HttpStatus.UNPROCESSABLE_ENTITY;
    return ResponseEntity.status(status).body(page(applicationId.get(), outcome));
  }

  @GetMapping(BASE + "/giay-di-duong/{token}")
  public ResponseEntity<byte[]> bundle(@PathVariable String token) {
    return organizations.resolveLink(token, LinkPurpose.DOWNLOAD)
        .flatMap(id -> documents.bundle(id).map(pdf -> file(ProcessVariables.reference(id).toLowerCase(Locale.ROOT)
            + "-giay-di-duong.pdf", MediaType.APPLICATION_PDF, pdf)))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(new byte[0]));
  }

  private String page(long applicationId, StaffListIntake.Outcome outcome) {
    Organization organization = organizations.get(applicationId);
    Context context = new Context(Locale.forLanguageTag("vi-VN"), Map.of(
        "reference", ProcessVariables.reference(applicationId), "organization", organization,
        "waiting", intake.isWaitingForList(applicationId), "columns", StaffListColumn.values(),
        "maxMegabytes", properties.uploadMaxBytes() / 1024 / 1024));
    if (outcome != null) {
      context.setVariable("outcome", outcome);
    }
    return pages.process("staff-list-upload", context);
  }

  private static ResponseEntity<String> unknownLink() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
        .body("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Đường dẫn không hợp lệ</title>"
            + "<p>Đường dẫn không hợp lệ hoặc đã hết hạn. Hãy dùng đường dẫn trong thư xác nhận mới nhất, hoặc "
            + "liên hệ UBND phường.</p></html>");
  }

  private static ResponseEntity<byte[]> file(String filename, MediaType type, byte[] content) {
    return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(filename).build().toString()).body(content);
  }
}
