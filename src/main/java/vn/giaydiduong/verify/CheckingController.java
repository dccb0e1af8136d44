package vn.giaydiduong.verify;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.identity.IdentityBootstrap;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * The checking API (docs/checking.md). Verification and the revocation list are public: they show no more than the
 * printed pass. Revoking needs a ward official or the ward police of the issuing ward.
 */
@RestController
public class CheckingController {

  /** Offline apps ask again from {@code next}; the overlap covers revocations committing while we read. */
  static final long SYNC_OVERLAP_SECONDS = 60;
  private static final Pattern CHECKPOINT_ID = Pattern.compile("[\\p{L}\\p{N} ._:/-]{1,64}");
  static final int MAX_OFFLINE_BATCH = 500;
  private static final Duration OFFLINE_MAX_AGE = Duration.ofDays(7);
  /** A phone's clock may run a little ahead of the server's. */
  private static final Duration OFFLINE_CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Pattern WARD_CODE = Pattern.compile("\\d{5}");
  // Hanoi spans about 20.56-21.39 N and 105.29-106.02 E; half a degree more on each side.
  static final double HANOI_MIN_LAT = 20.0;
  static final double HANOI_MAX_LAT = 22.0;
  static final double HANOI_MIN_LON = 104.8;
  static final double HANOI_MAX_LON = 106.6;
  private static final Set<String> KINDS = Arrays.stream(PassKind.values()).map(Enum::name)
      .collect(Collectors.toSet());
  private static final Pattern LOCATION = Pattern.compile("-?\\d{1,2}(\\.\\d{1,7})?,-?\\d{1,3}(\\.\\d{1,7})?");

  private final PassVerifier verifier;
  private final CheckLog checkLog;
  private final Revocations revocations;
  private final PassRegistry registry;
  private final RuntimeService runtimeService;
  private final WardRegistry wards;
  private final OfflineCheckQuota quota;
  private final ScanLogQuota scanLogQuota;
  private final ZoneChanges zoneChanges;
  private volatile Set<String> wardCodes;

  public CheckingController(PassVerifier verifier, CheckLog checkLog, Revocations revocations,
      PassRegistry registry, RuntimeService runtimeService, WardRegistry wards, OfflineCheckQuota quota,
      ScanLogQuota scanLogQuota, ZoneChanges zoneChanges) {
    this.scanLogQuota = scanLogQuota;
    this.zoneChanges = zoneChanges;
    this.wards = wards;
    this.quota = quota;
    this.verifier = verifier;
    this.checkLog = checkLog;
    this.revocations = revocations;
    this.registry = registry;
    this.runtimeService = runtimeService;
  }

  /**
   * Body: the QR text exactly as scanned. Always answers 200 with a verdict; 400 only for a bad checkpoint id or
   * location, which are optional. Logged within the sender's {@link ScanLogQuota}.
   */
  @PostMapping(path = "/api/passes/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  public Verification verify(@RequestBody(required = false) String qrText,
      @RequestParam(required = false) String checkpoint, @RequestParam(required = false) String location,
      HttpServletRequest request) {
    if (checkpoint != null && !CHECKPOINT_ID.matcher(checkpoint).matches()) {
      throw new InvalidInputException("Mã chốt kiểm tra (checkpoint) gồm tối đa 64 chữ, số hoặc . _ : / -");
    }
    if (location != null && !plausibleLocation(location)) {
      throw new InvalidInputException("Vị trí (location) phải có dạng \"vĩ độ,kinh độ\" trong khu vực Hà Nội, "
          + "ví dụ 21.0434,105.8412");
    }
    Verification result = verifier.verify(qrText);
    // The start-up warm-up's scans (signed by its in-memory key only) are no checks.
    if (!VerificationWarmUp.WARD_CODE.equals(result.wardCode()) && scanLogQuota.take(request.getRemoteAddr())) {
      checkLog.record(new CheckLog.Entry(result.checkedAt(), result.status(), result.kind(), result.wardCode(),
          checkpoint, location, false));
    }
    return result;
  }

  /**
   * One check a checkpoint page made offline, as it reports it later: the verdict, never the pass. {@code location}
   * is optional, in the form of the verification's {@code location} parameter.
   */
  public record OfflineCheck(Instant checkedAt, VerificationStatus status, String kind, String wardCode,
      String checkpointId, String location) {
  }

  /**
   * Checks the checkpoint page made without a network, reported once it is online again, so the supervisors' log
   * misses none. Public like the verification itself, hence bounded: at most {@value #MAX_OFFLINE_BATCH} entries a
   * report, each checked as strictly as a scan's parameters, quotas per checkpoint and sender
   * ({@link OfflineCheckQuota}), and a report sent again (a lost answer, a retry) is counted once.
   */
  @PostMapping(path = "/api/checks/offline", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> offlineChecks(@RequestBody(required = false) List<OfflineCheck> checks,
      HttpServletRequest request) {
    if (checks == null || checks.size() > MAX_OFFLINE_BATCH) {
      throw new InvalidInputException("Gửi từ 0 đến " + MAX_OFFLINE_BATCH + " lượt kiểm tra ngoại tuyến mỗi lần.");
    }
    Instant now = Instant.now();
    for (int i = 0; i < checks.size(); i++) {
      String problem = offlineProblem(checks.get(i), now);
      if (problem != null) {
        // Never echo the entry: the answer stays small whatever was sent.
        throw new InvalidInputException("Lượt kiểm tra ngoại tuyến thứ " + (i + 1) + " không hợp lệ: " + problem
            + ". Không lượt nào trong lần gửi này được ghi.");
      }
    }
    quota.take(request.getRemoteAddr(), checks);
    checks.forEach(c -> checkLog.record(new CheckLog.Entry(c.checkedAt(), c.status(), c.kind(), c.wardCode(),
        c.checkpointId(), c.location(), true, CheckLog.reportKey(c.checkedAt(), c.status(), c.kind(),
        c.wardCode(), c.checkpointId()))));
    return Map.of("accepted", checks.size());
  }

  /** What is wrong with one reported check, in Vietnamese; null if it is plausible. */
  private String offlineProblem(OfflineCheck c, Instant now) {
    if (c == null) {
      return "trống";
    }
    if (c.checkedAt() == null || c.checkedAt().isBefore(now.minus(OFFLINE_MAX_AGE))
        || c.checkedAt().isAfter(now.plus(OFFLINE_CLOCK_SKEW))) {
      return "thời điểm kiểm tra phải trong 7 ngày qua";
    }
    if (c.status() == null) {
      return "thiếu kết quả kiểm tra";
    }
    if (c.kind() != null && !KINDS.contains(c.kind())) {
      return "loại giấy không có trong hệ thống";
    }
    if (c.wardCode() != null && !knownWard(c.wardCode())) {
      return "mã phường không phải phường, xã của Hà Nội";
    }
    if (c.checkpointId() != null && !CHECKPOINT_ID.matcher(c.checkpointId()).matches()) {
      return "mã chốt gồm tối đa 64 chữ, số hoặc . _ : / -";
    }
    if (c.location() != null && !plausibleLocation(c.location())) {
      return "vị trí phải là \"vĩ độ,kinh độ\" trong khu vực Hà Nội";
    }
    return null;
  }

  private boolean knownWard(String code) {
    if (!WARD_CODE.matcher(code).matches()) {
      return false;
    }
    Set<String> known = wardCodes;
    if (known == null) {
      // Reference data loaded by Flyway: read once, not once per entry.
      known = wards.all().stream().map(Ward::code).collect(Collectors.toUnmodifiableSet());
      wardCodes = known;
    }
    return known.contains(code);
  }

  /** {@code lat,lon} in decimal degrees inside Hanoi's bounding box (with a margin for GPS error). */
  static boolean plausibleLocation(String location) {
    if (location == null || !LOCATION.matcher(location).matches()) {
      return false;
    }
    String[] parts = location.split(",");
    double lat = Double.parseDouble(parts[0]);
    double lon = Double.parseDouble(parts[1]);
    return lat >= HANOI_MIN_LAT && lat <= HANOI_MAX_LAT && lon >= HANOI_MIN_LON && lon <= HANOI_MAX_LON;
  }

  @ExceptionHandler(OfflineCheckQuota.Exceeded.class)
  ResponseEntity<Map<String, Object>> quotaExceeded(OfflineCheckQuota.Exceeded e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
        .body(Map.of("message", e.getMessage(), "problems", List.of()));
  }

  /** A body that is not the JSON the endpoint reads (wrong types, dates beyond range, not an array). */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(Map.of("message", "Dữ liệu gửi lên không đọc được: cần một danh sách "
        + "JSON các lượt kiểm tra {checkedAt, status, kind, wardCode, checkpointId, location}. Không lượt nào được ghi.",
        "problems", List.of()));
  }

  /**
   * Passes revoked since {@code since} (ISO-8601 instant; omitted: all), and every zone-change shortening still in
   * force (whole, a few rows: the page replaces its copy).
   */
  @GetMapping(path = "/api/revocations", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> revocations(@RequestParam(required = false) String since) {
    Instant from;
    try {
      from = since == null ? Instant.EPOCH : Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("Tham số since phải là thời điểm ISO-8601, ví dụ 2021-09-06T00:00:00Z");
    }
    Instant next = Instant.now().minusSeconds(SYNC_OVERLAP_SECONDS).truncatedTo(ChronoUnit.SECONDS);
    List<Revocations.Revoked> revoked = revocations.since(from);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("since", from);
    body.put("next", next.isAfter(from) ? next : from);
    body.put("revoked", revoked);
    body.put("shortened", zoneChanges.offlineRules(Dates.today()));
    return body;
  }

  /** Body {@code {"reason": "…"}}. Runs the revoke-pass process, so the revocation is in its history. */
  @PostMapping(path = "/api/passes/{passNumber}/revocation", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> revoke(@PathVariable String passNumber, @RequestBody Map<String, Object> body) {
    Object reason = body.get("reason");
    try {
      runtimeService.startProcessInstanceByKey(IdentityBootstrap.REVOKE_PASS_PROCESS, Map.of(
          ProcessVariables.PASS_NUMBER.name(), passNumber,
          ProcessVariables.REVOCATION_REASON.name(), reason instanceof String s ? s : ""));
    } catch (AuthorizationException e) {
      throw new AccessDeniedException("Chỉ cán bộ phường hoặc công an phường đã cấp giấy mới được thu hồi.");
    }
    var pass = registry.find(passNumber).orElseThrow();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("passId", pass.passNumber());
    answer.put("status", pass.status());
    answer.put("message", "Đã thu hồi giấy số " + pass.passNumber() + ". Mọi lần quét từ bây giờ đều báo "
        + "đã bị thu hồi.");
    return answer;
  }
}
