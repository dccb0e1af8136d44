package vn.giaydiduong.identity;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.intake.InvalidInputException;

/** Wards and their zones. Any official may read them; only administrators change a zone. */
@RestController
public class WardController {

  public record ZoneChange(String zone) {
  }

  private final WardRegistry wards;
  private final Officials officials;

  public WardController(WardRegistry wards, Officials officials) {
    this.wards = wards;
    this.officials = officials;
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
    if (!officials.currentUserIsAdmin()) {
      throw new AccessDeniedException("Chỉ quản trị viên mới được đổi vùng của phường.");
    }
    Zone zone;
    try {
      zone = Zone.valueOf(String.valueOf(change.zone()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Vùng phải là RED (đỏ), ORANGE (cam) hoặc GREEN (xanh).");
    }
    return wards.changeZone(code, zone, officials.currentUserId());
  }
}
