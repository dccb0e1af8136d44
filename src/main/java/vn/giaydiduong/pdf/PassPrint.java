package vn.giaydiduong.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

/**
 * Everything printed on one pass. The fields marked nullable are left off the page when null or blank;
 * all others are required.
 */
public record PassPrint(
    String passNumber,
    PassKind kind,
    String holderName,
    String maskedIdNumber,
    LocalDate dateOfBirth /* nullable */,
    String organization /* nullable: organization passes */,
    String household /* nullable: market cards, e.g. "Chủ hộ Trần Văn Hùng — 4 nhân khẩu" */,
    String address /* nullable */,
    String destination /* nullable */,
    String purpose /* nullable */,
    String wardName,
    String districtName,
    String policeUnitName,
    Zone zone,
    LocalDate validFrom,
    LocalDate validUntil,
    String allowedDays /* nullable: market cards */,
    String qrText,
    String keyId,
    Instant stampedAt) {

  public PassPrint {
    Objects.requireNonNull(passNumber, "passNumber");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(holderName, "holderName");
    Objects.requireNonNull(maskedIdNumber, "maskedIdNumber");
    Objects.requireNonNull(wardName, "wardName");
    Objects.requireNonNull(districtName, "districtName");
    Objects.requireNonNull(policeUnitName, "policeUnitName");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    Objects.requireNonNull(qrText, "qrText");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(stampedAt, "stampedAt");
  }
}
