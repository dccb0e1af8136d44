package vn.giaydiduong.organization;

import java.time.LocalDate;

/** An organization's registration as the CSKV vetted it and the ward official entered it. */
public record Organization(String name, String taxCode, String address, String sector, String contactPerson,
    String email, String phone, int staffRequested, String purpose, LocalDate validFrom, LocalDate validUntil) {
}
