package vn.giaydiduong.qr;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Administrators manage the ward police units' signing keys; other wards' keys are never touched.
 * <ul>
 *   <li>Rotation (routine): new passes are signed with a new key; passes signed before stay valid, as the retired
 *   key stays in the JWKS.
 *   <li>Withdrawal (the key leaked): passes it signed stop verifying, online at once and offline at the
 *   checkpoints' next sync; the ward signs new passes with a new key.
 * </ul>
 */
@RestController
public class SigningKeyController {

  public record Withdrawal(String reason) {
  }

  private final SigningKeyStore keys;
  private final WardRegistry wards;
  private final Officials officials;

  public SigningKeyController(SigningKeyStore keys, WardRegistry wards, Officials officials) {
    this.keys = keys;
    this.wards = wards;
    this.officials = officials;
  }

  @PostMapping("/api/wards/{code}/signing-key/rotation")
  public Map<String, String> rotate(@PathVariable String code) {
    if (!officials.currentUserIsAdmin()) {
      throw new AccessDeniedException("Chỉ quản trị viên mới được thay khóa ký của công an phường.");
    }
    wards.get(code);
    SigningKey key = keys.rotate(code);
    return Map.of("wardCode", code, "kid", key.kid());
  }

  @PostMapping("/api/signing-keys/{kid}/withdrawal")
  public Map<String, String> withdraw(@PathVariable String kid, @RequestBody Withdrawal withdrawal) {
    if (!officials.currentUserIsAdmin()) {
      throw new AccessDeniedException("Chỉ quản trị viên mới được thu hồi khóa ký của công an phường.");
    }
    String reason = withdrawal == null || withdrawal.reason() == null ? "" : withdrawal.reason().strip();
    if (reason.length() < 5 || reason.length() > 500) {
      throw new InvalidInputException("Hãy ghi lý do thu hồi khóa (5–500 ký tự).");
    }
    PublicKeyEntry key = keys.publicKeyEntry(kid)
        .orElseThrow(() -> new InvalidInputException("Không có khóa ký " + kid + "."));
    if (keys.withdrawnKids().contains(kid)) {
      throw new InvalidInputException("Khóa ký " + kid + " đã bị thu hồi trước đó.");
    }
    keys.withdraw(kid, reason);
    return Map.of("kid", kid, "wardCode", key.wardCode());
  }
}
