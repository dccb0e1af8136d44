package vn.giaydiduong.qr;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * A ward police unit's ES256 signing key. The private key stays package-private: outside this
 * package a SigningKey can only be handed to {@link PassCodec#encode}.
 */
public final class SigningKey {

  /** Raw r||s (IEEE P1363), the form COSE requires, rather than the JDK default DER. */
  static final String SIGNATURE_ALGORITHM = "SHA256withECDSAinP1363Format";

  private final String kid;
  private final String wardCode;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  SigningKey(String wardCode, KeyPair keyPair) {
    this.kid = kidOf(keyPair.getPublic());
    this.wardCode = wardCode;
    this.privateKey = keyPair.getPrivate();
    this.publicKey = keyPair.getPublic();
  }

  /**
   * A fresh key held only in memory and never stored, so no verifier trusts it unless handed its public key: the
   * verification warm-up's (verify.VerificationWarmUp).
   */
  public static SigningKey unstored(String wardCode) {
    return new SigningKey(wardCode, SigningKeyStore.generateKeyPair());
  }

  /** First 8 bytes of SHA-256 over the SubjectPublicKeyInfo DER, base64url without padding. */
  public static String kidOf(PublicKey publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed for kid " + kid, e);
    }
  }

  public String kid() {
    return kid;
  }

  public String wardCode() {
    return wardCode;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", wardCode=" + wardCode + "]";
  }
}
