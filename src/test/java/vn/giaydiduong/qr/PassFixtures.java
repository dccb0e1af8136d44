package vn.giaydiduong.qr;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.commons.codec.binary.Base45;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

/** Shared test data and the outer layers (zlib + Base45 + prefix) for hand-built payloads. */
final class PassFixtures {

  private PassFixtures() {
  }

  static PassClaims claims(String holderName) {
    return new PassClaims("00004-000017", PassKind.INDIVIDUAL, holderName, "001******789", null,
        "00004", Zone.ORANGE, LocalDate.of(2021, 8, 23), LocalDate.of(2021, 9, 6), null,
        "CA-00004", Instant.parse("2021-08-22T09:30:00Z"));
  }

  static SigningKey newKey(String wardCode) {
    return new SigningKey(wardCode, keyPair());
  }

  static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String wrap(byte[] cose) {
    return PassCodec.PREFIX + new Base45().encodeToString(deflate(cose));
  }

  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater();
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  static byte[] unwrap(String qrText) {
    byte[] compressed = new Base45().decode(qrText.substring(PassCodec.PREFIX.length()));
    Inflater inflater = new Inflater();
    inflater.setInput(compressed);
    byte[] buffer = new byte[PassCodec.MAX_INFLATED_BYTES];
    try {
      int n = inflater.inflate(buffer);
      return Arrays.copyOf(buffer, n);
    } catch (DataFormatException e) {
      throw new IllegalStateException(e);
    } finally {
      inflater.end();
    }
  }
}
