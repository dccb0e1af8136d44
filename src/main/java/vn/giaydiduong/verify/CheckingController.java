package vn.giaydiduong.verify;

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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.identity.AccessDeniedException;
import vn.giaydiduong.identity.IdentityBootstrap;
import vn.giaydiduong.intake.InvalidInputException;
import vn.giaydiduong.pass.PassKind;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.process.ProcessVariables;

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
  private static final Set<String> KINDS = Arrays.stream(PassKind.values()).map(Enum::name)
      .collect(Collectors.toSet());
  private static final Pattern LOCATION = Pattern.compile("-?\\d{1,2}(\\.\\d{1,7})?,-?\\d{1,3}(\\.\\d{1,7})?");

  private final PassVerifier verifier;
  private final CheckLog checkLog;
  private final Revocations revocations;
  private final PassRegistry registry;
  private final RuntimeService runtimeService;

  public CheckingController(PassVerifier verifier, CheckLog checkLog, Revocations revocations,
      PassRegistry registry, RuntimeService runtimeService) {
    this.verifier = verifier;
    this.checkLog = checkLog;
    this.revocations = revocations;
    this.registry = registry;
    this.runtimeService = runtimeService;
  }

  /**
   * Body: the QR text exactly as scanned. Always answers 200 with a verdict; 400 only for a bad checkpoint id or
   * location, which are optional.
   */
  @PostMapping(path = "/api/passes/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  public Verification verify(@RequestBody(required = false) String qrText,
      @RequestParam(required = false) String checkpoint, @RequestParam(required = false) String location) {
    if (checkpoint != null && !CHECKPOINT_ID.matcher(checkpoint).matches()) {
      throw new InvalidInputException("Mã chốt kiểm tra (checkpoint) gồm tối đa 64 chữ, số hoặc . _ : / -");
    }
    if (location != null && !LOCATION.matcher(location).matches()) {
      throw new InvalidInputException("Vị trí (location) phải có dạng \"vĩ độ,kinh độ\", ví dụ 21.0434,105.8412");
    }
    Verification result = verifier.verify(qrText);
    checkLog.record(new CheckLog.Entry(result.checkedAt(), result.status(), result.kind(), result.wardCode(),
        checkpoint, location, false));
    return result;
  }

  /** One check a checkpoint page made offline, as it reports it later: the verdict, never the pass. */
  public record OfflineCheck(Instant checkedAt, VerificationStatus status, String kind, String wardCode,
      String checkpointId) {
  }

  /**
   * Checks the checkpoint page made without a network, reported once it is online again, so the supervisors' log
   * misses none. Public like the verification itself; entries are checked as strictly as a scan's parameters.
   */
  @PostMapping(path = "/api/checks/offline", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> offlineChecks(@RequestBody List<OfflineCheck> checks) {
    if (checks == null || checks.size() > MAX_OFFLINE_BATCH) {
      throw new InvalidInputException("Gửi từ 0 đến " + MAX_OFFLINE_BATCH + " lượt kiểm tra ngoại tuyến mỗi lần.");
    }
    Instant now = Instant.now();
    for (OfflineCheck c : checks) {
      boolean plausible = c.checkedAt() != null && c.status() != null
          && !c.checkedAt().isBefore(now.minus(OFFLINE_MAX_AGE)) && !c.checkedAt().isAfter(now.plusSeconds(300))
          && (c.kind() == null || KINDS.contains(c.kind()))
          && (c.wardCode() == null || c.wardCode().matches("\\d{5}"))
          && (c.checkpointId() == null || CHECKPOINT_ID.matcher(c.checkpointId()).matches());
      if (!plausible) {
        throw new InvalidInputException("Lượt kiểm tra ngoại tuyến không hợp lệ (thời điểm trong 7 ngày qua, kết quả, "
            + "loại giấy, mã phường, mã chốt): " + c);
      }
    }
    checks.forEach(c -> checkLog.record(new CheckLog.Entry(c.checkedAt(), c.status(), c.kind(), c.wardCode(),
        c.checkpointId(), null, true)));
    return Map.of("accepted", checks.size());
  }

  /** Passes revoked since {@code since} (ISO-8601 instant; omitted: all). */
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
    return body;
  }

  /** Body {@code {"reason": "…"}}. Runs the revoke-pass process, so the revocation is in its history. */
  @PostMapping(path = "/api/passes/{passNumber}/revocation", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> revoke(@PathVariable String passNumber, @RequestBody Map<String, Object> body) {
    Object reason = body.get("reason");
    try {
      runtimeService.startProcessInstanceByKey(IdentityBootstrap.REVOKE_PASS_PROCESS, Map.of(
          ProcessVariables.PASS_NUMBER, passNumber,
          ProcessVariables.REVOCATION_REASON, reason instanceof String s ? s : ""));
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
