package vn.giaydiduong.organization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Organizations' registrations and the secret links (upload page, print bundle) mailed to them. */
@Repository
public class OrganizationStore {

  public enum LinkPurpose { UPLOAD, DOWNLOAD }

  private final JdbcClient jdbc;
  private final SecureRandom random = new SecureRandom();

  public OrganizationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void create(long applicationId, Organization o) {
    jdbc.sql("insert into organization_registration (application_id, name, tax_code, address, sector, "
            + "contact_person, email, phone, staff_requested, purpose, valid_from, valid_until) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(applicationId, o.name(), o.taxCode(), o.address(), o.sector(), o.contactPerson(), o.email(),
            o.phone(), o.staffRequested(), o.purpose(), o.validFrom(), o.validUntil())
        .update();
  }

  /** The ward official's entry: the registration as checked (and maybe corrected) from the CSKV's vetting. */
  public void enter(long applicationId, Organization o, String enteredBy) {
    jdbc.sql("update organization_registration set name = ?, tax_code = ?, address = ?, sector = ?, "
            + "contact_person = ?, email = ?, phone = ?, staff_requested = ?, purpose = ?, valid_from = ?, "
            + "valid_until = ?, entered_by = ?, entered_at = ? where application_id = ?")
        .params(o.name(), o.taxCode(), o.address(), o.sector(), o.contactPerson(), o.email(), o.phone(),
            o.staffRequested(), o.purpose(), o.validFrom(), o.validUntil(), enteredBy, OffsetDateTime.now(),
            applicationId)
        .update();
  }

  public Optional<Organization> find(long applicationId) {
    return jdbc.sql("select * from organization_registration where application_id = ?").param(applicationId)
        .query(Organization.class).optional();
  }

  public Organization get(long applicationId) {
    return find(applicationId).orElseThrow(() -> new IllegalStateException("No organization " + applicationId));
  }

  public void markClosed(long applicationId) {
    jdbc.sql("update organization_registration set closed_at = ? where application_id = ?")
        .params(OffsetDateTime.now(), applicationId).update();
  }

  /** A new secret link token (256 random bits, URL-safe); only its hash is stored. */
  public String newLink(long applicationId, LinkPurpose purpose) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql("insert into organization_link (token_hash, application_id, purpose, created_at) values (?, ?, ?, ?)")
        .params(hash(token), applicationId, purpose.name(), OffsetDateTime.now()).update();
    return token;
  }

  /** The application a link token opens, if the token is one of ours for that purpose. */
  public Optional<Long> resolveLink(String token, LinkPurpose purpose) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return jdbc.sql("select application_id from organization_link where token_hash = ? and purpose = ?")
        .params(hash(token), purpose.name()).query(Long.class).optional();
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
