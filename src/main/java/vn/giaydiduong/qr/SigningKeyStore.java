package vn.giaydiduong.qr;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One ES256 key per ward police unit, kept in table {@code signing_key}. Retired keys are kept so
 * that passes they signed stay verifiable.
 *
 * <p>"One active key per ward" is enforced by the database (unique {@code active_ward}), not by
 * Java locks, so it holds across threads and across application nodes: whoever loses the insert
 * race gets a duplicate-key error and reads the winner's key.
 */
@Service
public class SigningKeyStore {

  private static final Pattern WARD_CODE = Pattern.compile("\\d{5}");

  private final JdbcClient jdbc;
  private final PrivateKeyCipher cipher;
  private final ApplicationEventPublisher events;
  // Own transaction, so a lost race does not poison the caller's transaction (PostgreSQL aborts it).
  private final TransactionTemplate newTransaction;

  SigningKeyStore(JdbcClient jdbc, PrivateKeyCipher cipher, PlatformTransactionManager transactionManager,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
    this.cipher = cipher;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The ward's current key, created on first use. */
  public SigningKey activeKey(String wardCode) {
    checkWardCode(wardCode);
    return findActive(wardCode).orElseGet(() -> {
      KeyPair keyPair = generateKeyPair();
      try {
        newTransaction.executeWithoutResult(tx -> insertActive(wardCode, keyPair));
        return new SigningKey(wardCode, keyPair);
      } catch (DuplicateKeyException lostRace) {
        return findActive(wardCode).orElseThrow(() -> new IllegalStateException(
            "no active signing key for ward " + wardCode + " after a concurrent insert", lostRace));
      }
    });
  }

  /** Retires the ward's current key (it still verifies) and makes a new one active. */
  public SigningKey rotate(String wardCode) {
    checkWardCode(wardCode);
    KeyPair keyPair = generateKeyPair();
    try {
      newTransaction.executeWithoutResult(tx -> {
        jdbc.sql("update signing_key set retired_at = ?, active_ward = null where active_ward = ?")
            .params(now(), wardCode).update();
        insertActive(wardCode, keyPair);
      });
      return new SigningKey(wardCode, keyPair);
    } catch (DuplicateKeyException concurrentRotation) {
      // Another node rotated at the same moment; one fresh key is what both callers wanted.
      return findActive(wardCode).orElseThrow(() -> new IllegalStateException(
          "no active signing key for ward " + wardCode + " after a concurrent rotation",
          concurrentRotation));
    }
  }

  public Optional<PublicKey> publicKey(String kid) {
    return jdbc.sql("select public_key from signing_key where kid = ?").param(kid).query(byte[].class).optional()
        .map(SigningKeyStore::publicKeyOf);
  }

  /** The key with this id and the ward it belongs to, retired or not. */
  public Optional<PublicKeyEntry> publicKeyEntry(String kid) {
    return jdbc.sql("select kid, ward_code, public_key, created_at, retired_at from signing_key where kid = ?")
        .param(kid).query(SigningKeyStore::publicKeyEntry).optional();
  }

  /** Every key a verifier should trust: active and retired, not withdrawn. */
  public List<PublicKeyEntry> allPublicKeys() {
    return jdbc.sql("select kid, ward_code, public_key, created_at, retired_at from signing_key"
            + " where withdrawn_at is null order by ward_code, created_at, kid")
        .query(SigningKeyStore::publicKeyEntry).list();
  }

  /**
   * Withdraws a key as compromised: passes it signed stop verifying and it leaves the JWKS, while every other
   * ward's keys stay untouched. If it was the ward's active key, the next pass the ward signs gets a new one.
   */
  public void withdraw(String kid, String reason) {
    OffsetDateTime now = now();
    int updated = jdbc.sql("update signing_key set withdrawn_at = ?, withdrawn_reason = ?, "
        + "retired_at = coalesce(retired_at, ?), active_ward = null where kid = ? and withdrawn_at is null")
        .params(now, reason, now, kid).update();
    if (updated == 0) {
      throw new IllegalArgumentException("no signing key " + kid + " to withdraw");
    }
    events.publishEvent(new KeyWithdrawn(kid));
  }

  public Set<String> withdrawnKids() {
    return new HashSet<>(jdbc.sql("select kid from signing_key where withdrawn_at is not null").query(String.class)
        .list());
  }

  /** Published when a key is withdrawn, so this node's verifier stops trusting it at once. */
  public record KeyWithdrawn(String kid) {
  }

  // Explicit mappers below: the row holds encoded (and, for the private key, encrypted) keys and timestamps, the
  // records hold decoded keys and instants.
  private static PublicKeyEntry publicKeyEntry(ResultSet rs, int row) throws SQLException {
    return new PublicKeyEntry(
        rs.getString("kid"),
        rs.getString("ward_code"),
        publicKeyOf(rs.getBytes("public_key")),
        instant(rs, "created_at"),
        instant(rs, "retired_at"));
  }

  private Optional<SigningKey> findActive(String wardCode) {
    return jdbc.sql("select kid, public_key, private_key_enc from signing_key where active_ward = ?")
        .param(wardCode).query((rs, row) -> signingKey(wardCode, rs)).optional();
  }

  private void insertActive(String wardCode, KeyPair keyPair) {
    String kid = SigningKey.kidOf(keyPair.getPublic());
    byte[] pkcs8 = keyPair.getPrivate().getEncoded();
    try {
      jdbc.sql("insert into signing_key (kid, ward_code, public_key, private_key_enc, created_at, active_ward)"
              + " values (?, ?, ?, ?, ?, ?)")
          .params(kid, wardCode, keyPair.getPublic().getEncoded(), cipher.encrypt(pkcs8, kid), now(), wardCode)
          .update();
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private SigningKey signingKey(String wardCode, ResultSet rs) throws SQLException {
    String kid = rs.getString("kid");
    PublicKey publicKey = publicKeyOf(rs.getBytes("public_key"));
    byte[] pkcs8 = cipher.decrypt(rs.getBytes("private_key_enc"), kid);
    try {
      PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      SigningKey key = new SigningKey(wardCode, new KeyPair(publicKey, privateKey));
      if (!key.kid().equals(kid)) {
        throw new IllegalStateException("signing key row " + kid + " holds a public key with kid " + key.kid());
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing key " + kid + " holds an unreadable private key", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  static PublicKey publicKeyOf(byte[] spki) {
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("unreadable public key in signing_key", e);
    }
  }

  static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 unavailable", e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static void checkWardCode(String wardCode) {
    if (wardCode == null || !WARD_CODE.matcher(wardCode).matches()) {
      throw new IllegalArgumentException("ward code must be 5 digits: " + wardCode);
    }
  }
}
