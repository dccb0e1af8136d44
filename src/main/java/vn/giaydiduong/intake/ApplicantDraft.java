package vn.giaydiduong.intake;

import java.time.LocalDate;

/** One person on a registration list, validated, not yet stored. */
public record ApplicantDraft(String fullName, LocalDate dateOfBirth, String idNumber, String phone, String email,
    String address, String workplace, String destination, String purpose, LocalDate validFrom,
    LocalDate validUntil) {
}
