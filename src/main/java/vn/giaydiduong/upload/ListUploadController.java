package vn.giaydiduong.upload;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.identity.WithoutEngineUser;
import vn.giaydiduong.intake.FileTypes;
import vn.giaydiduong.intake.HouseholdListParser;
import vn.giaydiduong.intake.ListPreview;
import vn.giaydiduong.intake.ListTemplates;
import vn.giaydiduong.intake.ResidentListParser;
import vn.giaydiduong.rules.PassValidityRules;
import vn.giaydiduong.upload.PendingUploads.Kind;
import vn.giaydiduong.upload.PendingUploads.Pending;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * The CSKV officer's page for lists as officials keep them (Tasklist's forms have no file picker): upload an
 * .xlsx/.csv file or paste rows, see every row with its problems before anything is stored, then confirm, which
 * starts the individual-pass or market-card process as that officer with the list as {@code residents} or
 * {@code households}, exactly like a REST start. The ward is always the officer's own CSKV ward; only the
 * uploader can confirm a previewed list. Under /api: logged in by the Tasklist session or HTTP Basic, and a body
 * over 2 MB is refused before it is read.
 */
@RestController
public class ListUploadController {

  public static final String BASE = "/api/danh-sach";

  private final ResidentListParser residents;
  private final HouseholdListParser households;
  private final PassValidityRules validityRules;
  private final PendingUploads pending;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final Officials officials;
  private final WardRegistry wards;
  private final TransactionTemplate transaction;
  private final WebPages pages;

  public ListUploadController(ResidentListParser residents, HouseholdListParser households,
      PassValidityRules validityRules, PendingUploads pending, RuntimeService runtimeService,
      IdentityService identityService, Officials officials, WardRegistry wards, PlatformTransactionManager transactions, WebPages pages) {
    this.residents = residents;
    this.households = households;
    this.validityRules = validityRules;
    this.pending = pending;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.officials = officials;
    this.wards = wards;
    this.transaction = new TransactionTemplate(transactions);
    this.pages = pages;
  }

  /** The two lists a CSKV officer registers, with their process, start variable and Vietnamese name. */
  enum ListKind {
    INDIVIDUAL("ca-nhan", "individual-pass", "residents", "danh sách người dân đề nghị cấp giấy đi đường",
        Kind.INDIVIDUAL),
    MARKET_CARD("the-di-cho", "market-card", "households", "danh sách hộ gia đình đề nghị cấp thẻ đi chợ",
        Kind.MARKET_CARD);

    final String slug;
    final String processKey;
    final String variable;
    final String label;
    final Kind pendingKind;

    ListKind(String slug, String processKey, String variable, String label, Kind pendingKind) {
      this.slug = slug;
      this.processKey = processKey;
      this.variable = variable;
      this.label = label;
      this.pendingKind = pendingKind;
    }

    static ListKind of(String slug) {
      for (ListKind kind : values()) {
        if (kind.slug.equals(slug)) {
          return kind;
        }
      }
      throw new InvalidInputException("Hãy chọn loại danh sách: cá nhân hoặc thẻ đi chợ.");
    }

    public String slug() {
      return slug;
    }

    public String label() {
      return label;
    }
  }

  @GetMapping(value = BASE, produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> form(@RequestParam(name = "loai", defaultValue = "ca-nhan") String kind) {
    Ward ward;
    try {
      ward = currentWard();
    } catch (InvalidInputException e) {
      return notCskv(e);
    }
    Map<String, Object> model = model(ward);
    model.put("kind", "the-di-cho".equals(kind) ? ListKind.MARKET_CARD : ListKind.INDIVIDUAL);
    return pages.page(HttpStatus.OK, "list-upload", model);
  }

  /** Reads the list and shows it; holds it for confirmation only if no row has a problem. Stores nothing else. */
  @PostMapping(value = BASE, produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> preview(@RequestParam(name = "loai", required = false) String kindSlug,
      @RequestParam(name = "tep", required = false) MultipartFile file,
      @RequestParam(name = "bang", required = false) String pasted) throws IOException {
    Ward ward;
    try {
      ward = currentWard();
    } catch (InvalidInputException e) {
      return notCskv(e);
    }
    Map<String, Object> model = model(ward);
    try {
      ListKind kind = ListKind.of(kindSlug);
      model.put("kind", kind);
      ListPreview preview = read(kind, ward, file, pasted);
      model.put("preview", preview);
      if (preview.acceptable()) {
        model.put("token", pending.hold(officials.currentUserId(), ward.code(), kind.pendingKind, preview.json(),
            preview.lines().size()));
      }
      return pages.page(HttpStatus.OK, "list-upload", model);
    } catch (InvalidInputException e) {
      model.putIfAbsent("kind", ListKind.INDIVIDUAL);
      model.put("problems", e.problems());
      return pages.page(HttpStatus.UNPROCESSABLE_ENTITY, "list-upload", model);
    }
  }

  /**
   * Starts the case of a previewed list, as the logged-in officer in their own ward (any other parameter is
   * ignored): the token finds only a list this officer uploaded. The start checks the list again.
   */
  @PostMapping(value = BASE + "/xac-nhan", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> confirm(@RequestParam(name = "loai", required = false) String kindSlug,
      @RequestParam(name = "ma", required = false) String token) {
    Ward ward;
    try {
      ward = currentWard();
    } catch (InvalidInputException e) {
      return notCskv(e);
    }
    Map<String, Object> model = model(ward);
    ListKind kind;
    try {
      kind = ListKind.of(kindSlug);
    } catch (InvalidInputException e) {
      model.put("kind", ListKind.INDIVIDUAL);
      model.put("problems", e.problems());
      return pages.page(HttpStatus.BAD_REQUEST, "list-upload", model);
    }
    model.put("kind", kind);
    Pending list = pending.find(token, officials.currentUserId(), kind.pendingKind)
        .filter(p -> ward.code().equals(p.wardCode())).orElse(null);
    if (list == null) {
      model.put("problems", List.of("Không tìm thấy danh sách đã xem trước (có thể đã được gửi, đã quá một ngày, "
          + "hoặc không phải do tài khoản này tải lên). Hãy tải danh sách lên lại."));
      return pages.page(HttpStatus.NOT_FOUND, "list-upload", model);
    }
    try {
      ProcessInstance instance = transaction.execute(status -> {
        ProcessInstance started = runtimeService.startProcessInstanceByKey(kind.processKey,
            Variables.createVariables().putValueTyped(kind.variable, SpinValues.jsonValue(list.content()).create()));
        pending.remove(token);
        return started;
      });
      model.put("reference", instance.getBusinessKey());
      model.put("entryCount", list.entryCount());
      return pages.page(HttpStatus.CREATED, "list-upload", model);
    } catch (InvalidInputException e) {
      model.put("problems", e.problems());
      return pages.page(HttpStatus.UNPROCESSABLE_ENTITY, "list-upload", model);
    }
  }

  @GetMapping(BASE + "/mau-ca-nhan.xlsx")
  public ResponseEntity<byte[]> residentsXlsx() {
    return file("mau-danh-sach-ca-nhan.xlsx", XLSX, ListTemplates.residentsXlsx());
  }

  @GetMapping(BASE + "/mau-ca-nhan.csv")
  public ResponseEntity<byte[]> residentsCsv() {
    return file("mau-danh-sach-ca-nhan.csv", CSV, ListTemplates.residentsCsv());
  }

  @GetMapping(BASE + "/mau-the-di-cho.xlsx")
  public ResponseEntity<byte[]> householdsXlsx() {
    return file("mau-danh-sach-the-di-cho.xlsx", XLSX, ListTemplates.householdsXlsx());
  }

  @GetMapping(BASE + "/mau-the-di-cho.csv")
  public ResponseEntity<byte[]> householdsCsv() {
    return file("mau-danh-sach-the-di-cho.csv", CSV, ListTemplates.householdsCsv());
  }

  private static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

  private ListPreview read(ListKind kind, Ward ward, MultipartFile file, String pasted) throws IOException {
    boolean hasFile = file != null && !file.isEmpty();
    boolean hasText = pasted != null && !pasted.isBlank();
    if (hasFile == hasText) {
      throw new InvalidInputException("Hãy chọn một tệp danh sách (.xlsx hoặc .csv) hoặc dán danh sách, "
          + "không cả hai.");
    }
    if (hasFile) {
      if (file.getSize() > HouseholdListParser.MAX_FILE_BYTES) {
        throw new InvalidInputException("Tệp tải lên lớn quá " + HouseholdListParser.MAX_FILE_BYTES / 1024 / 1024
            + " MB: hãy chia danh sách thành nhiều tệp.");
      }
      byte[] content = file.getBytes();
      if (!FileTypes.isStaffList(file.getOriginalFilename())) {
        throw new InvalidInputException("Tệp \"" + file.getOriginalFilename() + "\" không phải danh sách: chỉ "
            + "nhận tệp .xlsx hoặc .csv (UTF-8).");
      }
      var problem = FileTypes.problem(file.getOriginalFilename(), content);
      if (problem.isPresent()) {
        throw new InvalidInputException(problem.get());
      }
      return kind == ListKind.INDIVIDUAL
          ? residents.previewFile(content, Dates.today(), maxValidityDays(ward))
          : households.previewFile(content);
    }
    return kind == ListKind.INDIVIDUAL
        ? residents.previewTable(pasted, Dates.today(), maxValidityDays(ward))
        : households.previewTable(pasted);
  }

  /**
   * The ward's rule, evaluated as the system: officials may not run decisions themselves (the process evaluates
   * the same table when it starts), and the table holds no personal data.
   */
  private int maxValidityDays(Ward ward) {
    return WithoutEngineUser.call(identityService, () -> validityRules.maxValidityDays(ward.zone()).value());
  }

  private Ward currentWard() {
    return wards.get(officials.wardOf(officials.currentUserId(), Role.CSKV));
  }

  private Map<String, Object> model(Ward ward) {
    Map<String, Object> model = new HashMap<>();
    model.put("ward", ward);
    model.put("user", officials.currentUserId());
    model.put("kinds", ListKind.values());
    model.put("maxMegabytes", HouseholdListParser.MAX_FILE_BYTES / 1024 / 1024);
    model.put("maxRows", HouseholdListParser.MAX_HOUSEHOLDS);
    return model;
  }

  private ResponseEntity<String> notCskv(InvalidInputException e) {
    return pages.page(HttpStatus.FORBIDDEN, "message", Map.of("title", "Không có quyền",
        "message", "Trang này dành cho cảnh sát khu vực (CSKV) của một phường. " + e.getMessage()));
  }

  private static ResponseEntity<byte[]> file(String filename, MediaType type, byte[] content) {
    return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename(filename).build().toString()).body(content);
  }
}
