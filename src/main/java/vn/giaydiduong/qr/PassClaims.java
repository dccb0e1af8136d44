package vn.giaydiduong.qr;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

/**
 * What a pass QR code carries. Deliberately minimal: a masked ID number and no health data,
 * because anyone holding the printed pass can read it.
 *
 * <p>Text is normalised to Unicode NFC and {@code issuedAt} truncated to whole seconds, so the
 * value read back from a QR code equals the one that was encoded, whatever the input form of
 * the Vietnamese diacritics was.
 *
 * @param validUntil last valid day, inclusive
 * @param organization null for a pass that is not tied to an organisation
 * @param dayRule null unless the pass restricts the days it may be used (market cards)
 * @param issuer ward police unit id, e.g. "CA-00004"
 */
public record PassClaims(
    String passId,
    PassKind kind,
    String holderName,
    String maskedIdNumber,
    String organization,
    String wardCode,
    Zone zone,
    LocalDate validFrom,
    LocalDate validUntil,
    String dayRule,
    String issuer,
    Instant issuedAt) {

  public PassClaims {
    passId = required(passId, "passId");
    Objects.requireNonNull(kind, "kind");
    holderName = required(holderName, "holderName");
    maskedIdNumber = required(maskedIdNumber, "maskedIdNumber");
    organization = nfc(organization);
    wardCode = required(wardCode, "wardCode");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    dayRule = nfc(dayRule);
    issuer = required(issuer, "issuer");
    issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
    if (validUntil.isBefore(validFrom)) {
      throw new IllegalArgumentException("validUntil " + validUntil + " is before validFrom " + validFrom);
    }
  }

  private static String required(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return nfc(value);
  }

  private static String nfc(String value) {
    return value == null ? null : Normalizer.normalize(value, Normalizer.Form.NFC);
  }
}
