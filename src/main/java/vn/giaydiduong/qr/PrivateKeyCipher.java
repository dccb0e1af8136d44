package vn.giaydiduong.qr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts signing private keys at rest with AES-256-GCM under the configured master key, so a
 * database dump alone cannot forge passes.
 */
@Component
class PrivateKeyCipher {

  static final String PROPERTY = "giaydiduong.keys.master-key";

  // Lets a later format (e.g. several master keys) be told apart from this one.
  private static final byte FORMAT_V1 = 1;
  private static final int IV_LENGTH = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey masterKey;
  private final SecureRandom random = new SecureRandom();

  PrivateKeyCipher(@Value("${" + PROPERTY + ":}") String masterKeyBase64) {
    this.masterKey = parse(masterKeyBase64);
  }

  private static SecretKey parse(String masterKeyBase64) {
    if (masterKeyBase64 == null || masterKeyBase64.isBlank()) {
      throw new IllegalStateException(PROPERTY + " is not set: it must be the base64 of 32 random"
          + " bytes (e.g. `openssl rand -base64 32`), used to encrypt the pass-signing keys");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(masterKeyBase64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PROPERTY + " is not valid base64", e);
    }
    if (key.length != 32) {
      throw new IllegalStateException(PROPERTY + " must decode to 32 bytes (AES-256), got " + key.length);
    }
    return new SecretKeySpec(key, "AES");
  }

  /** {@code kid} is bound as associated data, so a ciphertext copied to another row fails to decrypt. */
  byte[] encrypt(byte[] pkcs8, String kid) {
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, kid);
      byte[] sealed = cipher.doFinal(pkcs8);
      return ByteBuffer.allocate(1 + IV_LENGTH + sealed.length).put(FORMAT_V1).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt signing key " + kid, e);
    }
  }

  byte[] decrypt(byte[] stored, String kid) {
    if (stored.length <= 1 + IV_LENGTH || stored[0] != FORMAT_V1) {
      throw new IllegalStateException("signing key " + kid + " is not in a known encrypted format");
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(stored, 1, stored.length - 1);
      byte[] iv = new byte[IV_LENGTH];
      in.get(iv);
      return cipher(Cipher.DECRYPT_MODE, iv, kid).doFinal(stored, 1 + IV_LENGTH, stored.length - 1 - IV_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt signing key " + kid
          + ": wrong " + PROPERTY + " or tampered row", e);
    }
  }

  private Cipher cipher(int mode, byte[] iv, String kid) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, masterKey, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(kid.getBytes(StandardCharsets.US_ASCII));
    return cipher;
  }
}
