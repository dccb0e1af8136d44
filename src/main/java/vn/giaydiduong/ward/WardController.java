package vn.giaydiduong.ward;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.common.InvalidInputException;

/** Wards and their zones. Any official may read them; only administrators change a zone. */
@RestController
public class WardController {

  public record ZoneChange(String zone) {
  }

  private final WardRegistry wards;
  private final IdentityService identityService;

  public WardController(WardRegistry wards, IdentityService identityService) {
    this.wards = wards;
    this.identityService = identityService;
  }

  @GetMapping("/api/wards")
  public List<Ward> wards() {
    return wards.all();
  }

  @GetMapping("/api/wards/{code}")
  public Ward ward(@PathVariable String code) {
    return wards.get(code);
  }

  @PutMapping("/api/wards/{code}/zone")
  public Ward changeZone(@PathVariable String code, @RequestBody ZoneChange change) {
    // Camunda's own administrators group: wards sit below identity, so the check is made here directly.
    Authentication user = identityService.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN)) {
      throw new AccessDeniedException("Chỉ quản trị viên mới được đổi vùng của phường.");
    }
    Zone zone;
    try {
      zone = Zone.valueOf(String.valueOf(change.zone()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Vùng phải là RED (đỏ), ORANGE (cam) hoặc GREEN (xanh).");
    }
    return wards.changeZone(code, zone, user.getUserId());
  }
}
