package vn.giaydiduong.verify;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

/**
 * The HTTP floor of the verification benchmark (docs/benchmarks.md, W4): what {@code POST /api/passes/verify}
 * costs without verifying. Same filters, body reading and JSON conversion, a constant answer of the size of a valid
 * pass's, no check log. Exists only with {@code giaydiduong.benchmarks.http-floor=true}; otherwise 404.
 */
@RestController
@ConditionalOnProperty(name = "giaydiduong.benchmarks.http-floor", havingValue = "true")
class HttpFloorController {

  static final String PATH = "/api/passes/verify-floor";

  private final Verification answer = new Verification(VerificationStatus.VALID,
      "Hợp lệ: cho qua sau khi đối chiếu họ tên và số CCCD/CMND với giấy tờ tùy thân.",
      Instant.parse("2021-09-15T01:02:03.456789Z"), "00004-000001", PassKind.INDIVIDUAL.name(),
      PassVerifier.kindLabel(PassKind.INDIVIDUAL), "Nguyễn Văn Đo Lường", "001******123", null, "00004",
      "Phường Trúc Bạch, Quận Ba Đình", Zone.GREEN.name(), Zone.GREEN.label(), LocalDate.of(2021, 9, 15),
      LocalDate.of(2021, 9, 30), null, null);

  @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  Verification floor(@RequestBody(required = false) String qrText,
      @RequestParam(required = false) String checkpoint) {
    return answer;
  }
}
