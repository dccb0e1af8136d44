package vn.giaydiduong.qr;

import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.identity.AccessDeniedException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.WardRegistry;

/**
 * Administrators rotate a ward police unit's signing key (routinely, or when a unit's machine may have been
 * exposed): new passes are signed with a new key; passes signed before stay valid, as the retired key stays in
 * the JWKS. Other wards' keys are untouched.
 */
@RestController
public class KeyRotationController {

  private final SigningKeyStore keys;
  private final WardRegistry wards;
  private final Officials officials;

  public KeyRotationController(SigningKeyStore keys, WardRegistry wards, Officials officials) {
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
}
