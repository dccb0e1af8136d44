package vn.giaydiduong.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The answer of {@code POST /api/passes/verify}, shown at the checkpoint. Holds no more than the printed pass:
 * the pass fields are filled only when the signature checked out (a forged code's text is not repeated back as
 * if it were a pass). Fields are documented in docs/checking.md.
 *
 * @param message the sentence the officer reads, in Vietnamese
 * @param validUntil the last day signed in the pass
 * @param shortenedUntil null unless a zone change of the ward made the pass end earlier than signed
 * @param allowedDays null unless the pass is restricted to certain days (market cards)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(
    VerificationStatus status,
    String message,
    Instant checkedAt,
    String passId,
    String kind,
    String kindLabel,
    String holderName,
    String maskedIdNumber,
    String organization,
    String wardCode,
    String wardName,
    String zone,
    String zoneLabel,
    LocalDate validFrom,
    LocalDate validUntil,
    LocalDate shortenedUntil,
    String allowedDays) {

  static Verification rejected(VerificationStatus status, String message, Instant checkedAt) {
    return new Verification(status, message, checkedAt, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null);
  }
}
