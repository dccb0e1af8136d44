package vn.giaydiduong.verify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/**
 * Withdrawn passes. A revocation is a status of the pass row; the verifier learns it through {@link PassStandings}:
 * on this node when the revoking transaction commits, on the others within a second.
 */
@Repository
public class Revocations {

  public static final int MAX_REASON_LENGTH = 500;

  /** One revoked pass, as offline checkpoints sync it. */
  public record Revoked(String passId, Instant revokedAt) {
  }

  private final JdbcClient jdbc;
  private final PassRegistry registry;
  private final IdentityService identityService;
  private final PassStandings standings;

  public Revocations(JdbcClient jdbc, PassRegistry registry, IdentityService identityService,
      PassStandings standings) {
    this.jdbc = jdbc;
    this.registry = registry;
    this.identityService = identityService;
    this.standings = standings;
  }

  /**
   * Revokes an issued pass on behalf of {@code userId}, who must be a ward official or ward police of the issuing
   * ward. Unknown passes and other wards' passes are refused alike, so nobody learns which numbers exist.
   */
  public Pass revoke(String passNumber, String reason, String userId) {
    String number = passNumber == null ? "" : passNumber.strip();
    String why = reason == null ? "" : reason.strip();
    if (why.length() < 5 || why.length() > MAX_REASON_LENGTH) {
      throw new InvalidInputException("Hãy ghi lý do thu hồi giấy (5–" + MAX_REASON_LENGTH + " ký tự).");
    }
    Pass pass = registry.find(number).filter(p -> mayRevoke(userId, p.wardCode()))
        .orElseThrow(() -> new InvalidInputException("Không tìm thấy giấy số \"" + abbreviate(number)
            + "\" trong các giấy do phường của bạn cấp. Chỉ cán bộ phường hoặc công an phường đã cấp giấy mới "
            + "được thu hồi."));
    if (pass.status() == PassStatus.REVOKED) {
      throw new InvalidInputException("Giấy số " + number + " đã bị thu hồi trước đó.");
    }
    if (!markRevoked(number, why, userId)) {
      throw new InvalidInputException("Giấy số " + number + " chưa được đóng dấu (hoặc đã bị hủy) nên không có "
          + "gì để thu hồi.");
    }
    return registry.find(number).orElseThrow();
  }

  /**
   * Revokes an issued or delivered pass without asking who may: for callers that checked it themselves (a zone
   * change, made by an administrator). False if the pass was not issued or delivered.
   */
  boolean markRevoked(String passNumber, String reason, String userId) {
    boolean revoked = jdbc.sql("update pass set status = 'REVOKED', revoked_by = ?, revoked_at = ?, "
            + "revoked_reason = ? where pass_number = ? and status in ('ISSUED', 'DELIVERED')")
        .params(userId, OffsetDateTime.now(ZoneOffset.UTC), reason, passNumber).update() == 1;
    if (revoked) {
      standings.changed();
    }
    return revoked;
  }

  /** Passes revoked at or after {@code since}, oldest first. */
  public List<Revoked> since(Instant since) {
    // Explicit mapper: offline checkpoints sync passId and an instant, not the row's names and offset time.
    return jdbc.sql("select pass_number, revoked_at from pass where status = 'REVOKED' and revoked_at >= ? "
            + "order by revoked_at, pass_number")
        .param(since.atOffset(ZoneOffset.UTC))
        .query((rs, n) -> new Revoked(rs.getString("pass_number"),
            rs.getObject("revoked_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private boolean mayRevoke(String userId, String wardCode) {
    if (userId == null) {
      return false;
    }
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    return groups.contains(Role.OFFICIAL.groupOf(wardCode)) || groups.contains(Role.POLICE.groupOf(wardCode));
  }

  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "…";
  }
}
