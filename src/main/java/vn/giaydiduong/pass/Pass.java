package vn.giaydiduong.pass;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import vn.giaydiduong.identity.Zone;

/** A pass or market card as the registry keeps it. */
public record Pass(String passNumber, long applicantId, long applicationId, PassKind kind, String wardCode,
    String holderName, String maskedIdNumber, Zone zone, LocalDate validFrom, LocalDate validUntil,
    PassStatus status, String qrText, String keyId, String stampedBy, OffsetDateTime stampedAt,
    String deliveredTo, OffsetDateTime deliveredAt) {
}
