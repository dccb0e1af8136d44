package vn.giaydiduong.caselist;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.PassDocuments;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * A ward's own cases for its users (and the city's supervisors): the list with search, and one case with its
 * people, passes, PDFs and history. Which wards a user sees comes from the authenticated user's groups only
 * ({@link Officials#currentUserMaySee}); analysts and users of other wards get 403 on a case and never see it
 * listed. Backs the page {@code /ho-so/}.
 */
@RestController
class CaseListController {

  private static final DateTimeFormatter HANOI_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
  private static final Pattern REFERENCE = Pattern.compile("(?i)HS-(\\d{1,12})");
  private static final String NOT_YOURS = "Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ của phường này.";

  record CaseSummary(String reference, String kind, String kindLabel, String wardCode, String wardName,
      String organizationName, String status, String statusLabel, int entries, String registeredBy,
      String registeredAt, String closedAt, List<String> waitingAt) {
  }

  record Person(int position, String name, String headName, String maskedIdNumber, String decision,
      String decisionLabel, String reason, String decidedBy, String decidedAt, String passNumber,
      String passStatus, String passStatusLabel, String revokedReason, String pdf, boolean revocable) {
  }

  record Event(String at, String by, String what) {
  }

  /** The print bundle being rendered now: how many of how many passes are done. */
  record BundleInProgress(int rendered, int total) {
  }

  record CaseDetail(CaseSummary summary, List<Person> people, String bundlePdf, BundleInProgress bundleInProgress,
      List<Event> history, boolean anonymized) {
  }

  record CaseList(List<CaseSummary> cases, long total, int page, int pageSize, CaseSummary mine) {
  }

  private final CaseListStore store;
  private final CaseProgress progress;
  private final PassDocuments documents;
  private final Officials officials;
  private final WardRegistry wards;
  private final IdentityService identityService;

  CaseListController(CaseListStore store, CaseProgress progress, PassDocuments documents, Officials officials,
      WardRegistry wards, IdentityService identityService) {
    this.store = store;
    this.progress = progress;
    this.documents = documents;
    this.officials = officials;
    this.wards = wards;
    this.identityService = identityService;
  }

  @GetMapping("/api/cases")
  public CaseList list(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String status, @RequestParam(defaultValue = "1") int page) {
    List<String> visible = visibleWards();
    PassKind passKind = parse(PassKind.class, kind, "Loại hồ sơ");
    CaseStatus caseStatus = parse(CaseStatus.class, status, "Trạng thái");
    CaseListStore.Page found = store.list(visible, passKind, caseStatus, CaseListStore.Search.of(q),
        Math.max(1, Math.min(page, 100_000)));
    Map<String, List<String>> waiting = progress.openTasks(found.rows().stream()
        .filter(c -> c.closedAt() == null).map(CaseListStore.CaseRow::processInstanceId)
        .filter(Objects::nonNull).toList());
    CaseSummary mine = Optional.ofNullable(officials.currentUserId())
        .flatMap(user -> store.newestRegisteredBy(user, visible))
        .map(c -> summary(c, waiting(c, progress.openTasks(listOf(c.processInstanceId()))))).orElse(null);
    return new CaseList(found.rows().stream().map(c -> summary(c, waiting(c, waiting))).toList(), found.total(),
        Math.max(1, page), CaseListStore.PAGE_SIZE, mine);
  }

  @GetMapping("/api/cases/{reference}")
  public CaseDetail detail(@PathVariable String reference) {
    Matcher m = REFERENCE.matcher(reference);
    CaseListStore.CaseRow c = (m.matches() ? store.find(Long.parseLong(m.group(1))) : Optional.<CaseListStore.CaseRow>empty())
        .filter(row -> officials.currentUserMaySee(row.wardCode()))
        // Unknown and foreign references answer alike: nobody learns which cases other wards have.
        .orElseThrow(() -> new AccessDeniedException(NOT_YOURS));
    boolean running = c.closedAt() == null && c.processInstanceId() != null;
    CaseSummary summary = summary(c, running ? progress.waitingAt(c.processInstanceId()) : List.of());
    boolean anonymized = c.anonymizedAt() != null;
    boolean mayRevoke = mayRevoke(c.wardCode());
    List<Person> people = store.entries(c.id(), c.kind()).stream()
        .map(e -> person(e, anonymized, mayRevoke)).toList();
    List<CaseListStore.Event> events = new ArrayList<>(store.events(c));
    if (c.processInstanceId() != null) {
      events.addAll(progress.taskEvents(c.processInstanceId()));
    }
    List<Event> history = events.stream().sorted(Comparator.comparing(CaseListStore.Event::at))
        .map(e -> new Event(time(e.at()), e.by() == null ? "Hệ thống" : e.by(), e.what())).toList();
    String bundle = !anonymized && store.hasBundle(c.id()) ? "/api/applications/" + c.id() + "/passes.pdf" : null;
    BundleInProgress rendering = documents.progress(c.id()).filter(p -> !p.done())
        .map(p -> new BundleInProgress(p.rendered(), p.total())).orElse(null);
    return new CaseDetail(summary, people, bundle, rendering, history, anonymized);
  }

  /** The wards whose cases the current user sees; null when that is every ward. */
  private List<String> visibleWards() {
    List<Ward> all = wards.all();
    List<String> visible = all.stream().map(Ward::code).filter(officials::currentUserMaySee).toList();
    if (visible.isEmpty()) {
      throw new AccessDeniedException("Danh sách hồ sơ dành cho CSKV, cán bộ và công an phường (hồ sơ của phường "
          + "mình) và giám sát viên; tài khoản của bạn không xem được hồ sơ của phường nào.");
    }
    return visible.size() == all.size() ? null : visible;
  }

  /** As {@code verify.Revocations}: the ward officials and ward police of the issuing ward revoke its passes. */
  private boolean mayRevoke(String wardCode) {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth != null && auth.getGroupIds() != null
        && (auth.getGroupIds().contains(Role.OFFICIAL.groupOf(wardCode))
            || auth.getGroupIds().contains(Role.POLICE.groupOf(wardCode)));
  }

  private static Person person(CaseListStore.Entry e, boolean anonymized, boolean mayRevoke) {
    Decision decision = Decision.valueOf(e.decision());
    PassStatus pass = e.passStatus() == null ? null : PassStatus.valueOf(e.passStatus());
    boolean live = pass == PassStatus.ISSUED || pass == PassStatus.DELIVERED;
    String id = e.idNumber();
    return new Person(e.position(), e.name(), e.headName(),
        id == null || id.length() < 9 ? "" : IdNumbers.mask(id), decision.name(), label(decision), e.reason(),
        e.decidedBy(), time(e.decidedAt()), e.passNumber(), pass == null ? null : pass.name(),
        pass == null ? null : label(pass), e.revokedReason(),
        live && !anonymized ? "/api/passes/" + e.passNumber() + ".pdf" : null, live && mayRevoke);
  }

  private static CaseSummary summary(CaseListStore.CaseRow c, List<String> waitingAt) {
    return new CaseSummary(ProcessVariables.reference(c.id()), c.kind().name(), c.kind().label(), c.wardCode(),
        c.wardName(), c.organizationName(), c.status().name(), c.status().label(), c.entries(), c.registeredBy(),
        time(c.registeredAt()), time(c.closedAt()), waitingAt);
  }

  private static List<String> waiting(CaseListStore.CaseRow c, Map<String, List<String>> openTasks) {
    return c.closedAt() == null ? openTasks.getOrDefault(c.processInstanceId(), List.of()) : List.of();
  }

  private static List<String> listOf(String processInstanceId) {
    return processInstanceId == null ? List.of() : List.of(processInstanceId);
  }

  private static String time(OffsetDateTime at) {
    return at == null ? null : at.atZoneSameInstant(Dates.HANOI).format(HANOI_TIME);
  }

  private static String label(Decision decision) {
    return switch (decision) {
      case PENDING -> "Chờ xét";
      case APPROVED -> "Được duyệt";
      case REJECTED -> "Bị từ chối";
    };
  }

  private static String label(PassStatus status) {
    return switch (status) {
      case AWAITING_STAMP -> "Chờ đóng dấu";
      case ISSUED -> "Đã đóng dấu";
      case DELIVERED -> "Đã giao";
      case VOIDED -> "Đã hủy";
      case REVOKED -> "Đã thu hồi";
    };
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(what + " \"" + (value.length() > 30 ? value.substring(0, 30) + "…" : value)
          + "\" không có trong danh sách.");
    }
  }
}
