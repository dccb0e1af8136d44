package vn.giaydiduong.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * The holders whose passes the ward's latest zone change shortened or revoked, with the CSKV who registered them,
 * so the ward can issue them again. Only the ward's own users and the city's supervisors read it.
 */
@RestController
public class ZoneChangeController {

  private final ZoneChanges zoneChanges;
  private final WardRegistry wards;
  private final Officials officials;

  public ZoneChangeController(ZoneChanges zoneChanges, WardRegistry wards, Officials officials) {
    this.zoneChanges = zoneChanges;
    this.wards = wards;
    this.officials = officials;
  }

  @GetMapping(path = "/api/wards/{code}/zone-changes/latest/affected", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> latestAffected(@PathVariable String code) {
    // Asked before the ward is looked up, so another ward's user learns nothing, not even whether it changed.
    if (!officials.currentUserMaySee(code)) {
      throw new AccessDeniedException("Chỉ cán bộ, công an, CSKV của phường và giám sát thành phố mới xem được "
          + "danh sách người cần cấp lại giấy của phường này.");
    }
    Ward ward = wards.get(code);
    return zoneChanges.latest(code).map(change -> {
      List<ZoneChanges.Affected> affected = zoneChanges.affected(change);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("wardCode", ward.code());
      body.put("wardName", ward.name());
      body.put("oldZone", change.oldZone());
      body.put("newZone", change.newZone());
      body.put("changedAt", change.changedAt());
      body.put("changedBy", change.changedBy());
      body.put("shortenedUntil", change.shortenedUntil());
      body.put("kept", change.kept());
      body.put("shortened", change.shortened());
      body.put("revoked", change.revoked());
      body.put("affected", affected);
      return ResponseEntity.ok(body);
    }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message",
        ward.name() + " chưa đổi vùng lần nào kể từ khi có hệ thống: không có giấy nào cần cấp lại.")));
  }
}
