package vn.giaydiduong.pass;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One person on a registration, with the ward official's decision. */
public record Applicant(long id, long applicationId, int position, String fullName, LocalDate dateOfBirth,
    String idNumber, String phone, String email, String address, String workplace, String destination,
    String purpose, LocalDate validFrom, LocalDate validUntil, Decision decision, String decisionReason,
    OffsetDateTime rejectionNotifiedAt) {
}
