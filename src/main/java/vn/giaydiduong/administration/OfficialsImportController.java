package vn.giaydiduong.administration;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.CacheControl;
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
import vn.giaydiduong.administration.OfficialRows.Line;
import vn.giaydiduong.administration.OfficialRows.Official;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.intake.FileTypes;
import vn.giaydiduong.upload.PendingUploads;
import vn.giaydiduong.upload.PendingUploads.Kind;
import vn.giaydiduong.upload.WebPages;

/**
 * Administrators create a ward's officials in one step: one person in the form, or many from a CSV/XLSX file or
 * a paste (tên đăng nhập, họ và tên, mã phường, vai trò, email). Every row is checked and shown before anything is
 * created; confirming creates each user with a random initial password, shown once on the answer page, and both
 * memberships an official needs: the role's city-wide group (its authorizations) and the role's group of the ward
 * (its tasks). Only members of {@code camunda-admin}; everyone else gets 403.
 */
@RestController
public class OfficialsImportController {

  public static final String BASE = "/api/quan-tri/can-bo";

  /** No 0/O, 1/l/I: the password is read off a screen and typed once. */
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String DIGITS = "23456789";
  private static final String SYMBOLS = "-_.!@#";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OfficialRows rows;
  private final PendingUploads pending;
  private final IdentityService identityService;
  private final Officials officials;
  private final TransactionTemplate transaction;
  private final WebPages pages;

  public OfficialsImportController(OfficialRows rows, PendingUploads pending, IdentityService identityService,
      Officials officials, PlatformTransactionManager transactions, WebPages pages) {
    this.rows = rows;
    this.pending = pending;
    this.identityService = identityService;
    this.officials = officials;
    this.transaction = new TransactionTemplate(transactions);
    this.pages = pages;
  }

  /** An official created, with the initial password to hand over. */
  public record Created(String username, String fullName, String wardName, String roleLabel, String password) {
  }

  @GetMapping(value = BASE, produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> form() {
    if (!officials.currentUserIsAdmin()) {
      return forbidden();
    }
    return pages.page(HttpStatus.OK, "officials-import", model());
  }

  @PostMapping(value = BASE, produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> preview(@RequestParam(name = "tep", required = false) MultipartFile file,
      @RequestParam(name = "bang", required = false) String pasted,
      @RequestParam(name = "ten-dang-nhap", required = false) String username,
      @RequestParam(name = "ho-ten", required = false) String fullName,
      @RequestParam(name = "ma-phuong", required = false) String wardCode,
      @RequestParam(name = "vai-tro", required = false) String role,
      @RequestParam(name = "email", required = false) String email) throws IOException {
    if (!officials.currentUserIsAdmin()) {
      return forbidden();
    }
    Map<String, Object> model = model();
    try {
      List<Line> lines;
      if (file != null && !file.isEmpty()) {
        byte[] content = file.getBytes();
        var problem = FileTypes.isStaffList(file.getOriginalFilename())
            ? FileTypes.problem(file.getOriginalFilename(), content)
            : Optional.of("Tệp \"" + file.getOriginalFilename() + "\" không phải danh sách: chỉ nhận "
                + "tệp .xlsx hoặc .csv (UTF-8).");
        if (problem.isPresent()) {
          throw new InvalidInputException(problem.get());
        }
        lines = rows.read(content, null);
      } else if (pasted != null && !pasted.isBlank()) {
        lines = rows.read(null, pasted);
      } else {
        lines = rows.check(List.of(new Official(blank(username), blank(fullName), blank(wardCode), blank(role),
            blank(email))), List.of(1));
      }
      model.put("lines", lines);
      long problems = lines.stream().mapToLong(l -> l.problems().size()).sum();
      model.put("problemCount", problems);
      if (problems == 0) {
        model.put("token", pending.hold(officials.currentUserId(), null, Kind.OFFICIALS,
            rows.toJson(lines.stream().map(Line::official).toList()), lines.size()));
      }
      return pages.page(HttpStatus.OK, "officials-import", model);
    } catch (InvalidInputException e) {
      model.put("problems", e.problems());
      return pages.page(HttpStatus.UNPROCESSABLE_ENTITY, "officials-import", model);
    }
  }

  /** Creates the previewed officials, all or none, after checking them again (a name may have been taken). */
  @PostMapping(value = BASE + "/xac-nhan", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> confirm(@RequestParam(name = "ma", required = false) String token) {
    if (!officials.currentUserIsAdmin()) {
      return forbidden();
    }
    Map<String, Object> model = model();
    var held = pending.find(token, officials.currentUserId(), Kind.OFFICIALS);
    if (held.isEmpty()) {
      model.put("problems", List.of("Không tìm thấy danh sách đã xem trước (có thể đã được tạo, hoặc đã quá một "
          + "ngày). Hãy nhập lại."));
      return pages.page(HttpStatus.NOT_FOUND, "officials-import", model);
    }
    List<Official> list = rows.fromJson(held.get().content());
    List<Line> lines = rows.check(list, IntStream.rangeClosed(1, list.size()).boxed().toList());
    if (lines.stream().anyMatch(l -> !l.problems().isEmpty())) {
      model.put("lines", lines);
      model.put("problemCount", lines.stream().mapToLong(l -> l.problems().size()).sum());
      return pages.page(HttpStatus.CONFLICT, "officials-import", model);
    }
    List<Created> created = transaction.execute(status -> {
      List<Created> done = new ArrayList<>();
      for (Line line : lines) {
        done.add(create(line));
      }
      pending.remove(token);
      return done;
    });
    model.put("created", created);
    // The page shows passwords: no cache may keep it.
    ResponseEntity<String> page = pages.page(HttpStatus.CREATED, "officials-import", model);
    return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
        .cacheControl(CacheControl.noStore()).body(page.getBody());
  }

  private Created create(Line line) {
    Official o = line.official();
    Role role = OfficialRows.roleOf(o.role());
    String password = password();
    User user = identityService.newUser(o.username());
    // Camunda shows "first last": the family and middle names first, the given name last, as Vietnamese write it.
    int lastSpace = o.fullName().lastIndexOf(' ');
    user.setFirstName(o.fullName().substring(0, lastSpace));
    user.setLastName(o.fullName().substring(lastSpace + 1));
    user.setEmail(o.email());
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(o.username(), role.groupId());
    identityService.createMembership(o.username(), role.groupOf(o.wardCode()));
    return new Created(o.username(), o.fullName(), line.wardName(), role.label(), password);
  }

  /** 16 characters, with a lower- and upper-case letter, a digit and a symbol whatever the password policy. */
  static String password() {
    String all = LOWER + UPPER + DIGITS + SYMBOLS;
    List<Character> chars = new ArrayList<>();
    for (String set : List.of(LOWER, UPPER, DIGITS, SYMBOLS)) {
      chars.add(set.charAt(RANDOM.nextInt(set.length())));
    }
    while (chars.size() < 16) {
      chars.add(all.charAt(RANDOM.nextInt(all.length())));
    }
    Collections.shuffle(chars, RANDOM);
    StringBuilder password = new StringBuilder();
    chars.forEach(password::append);
    return password.toString();
  }

  private static String blank(String value) {
    return value == null ? "" : value;
  }

  private Map<String, Object> model() {
    Map<String, Object> model = new HashMap<>();
    model.put("user", officials.currentUserId());
    model.put("headers", OfficialRows.HEADERS);
    model.put("roles", Role.values());
    return model;
  }

  private ResponseEntity<String> forbidden() {
    return pages.page(HttpStatus.FORBIDDEN, "message", Map.of("title", "Không có quyền",
        "message", "Chỉ quản trị hệ thống (nhóm camunda-admin) được tạo tài khoản cán bộ."));
  }
}
