package vn.giaydiduong.intake;

import java.time.LocalDate;

/** One person on an organization's staff list, validated; {@code row} is the row number in the sheet. */
public record StaffMember(int row, String fullName, LocalDate dateOfBirth, String idNumber, String phone,
    String email, String jobTitle, String address) {
}
