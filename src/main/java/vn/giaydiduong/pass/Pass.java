package vn.giaydiduong.pass;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.rules.RuleVersion;
import vn.giaydiduong.ward.Zone;

/**
 * A pass or market card as the registry keeps it.
 *
 * @param applicantId the person of a pass; null for a market card
 * @param householdId the household of a market card; null for a pass
 * @param dayRule when a market card may be used ({@link DayRule#format()}); null for a pass
 * @param rule the rule table version that decided its validity (pass-validity for a pass, market-days for a card);
 *     null for passes numbered before versions were kept
 */
public record Pass(String passNumber, Long applicantId, long applicationId, PassKind kind, String wardCode,
    String holderName, String maskedIdNumber, Zone zone, LocalDate validFrom, LocalDate validUntil,
    PassStatus status, String qrText, String keyId, String stampedBy, OffsetDateTime stampedAt,
    String deliveredTo, OffsetDateTime deliveredAt, Long householdId, String dayRule, RuleVersion rule) {
}
