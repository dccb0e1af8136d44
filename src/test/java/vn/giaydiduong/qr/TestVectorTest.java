package vn.giaydiduong.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.giaydiduong.qr.TestVectorFiles.*;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.ECKey;
import com.upokecenter.cbor.CBORObject;

/** Keeps docs/qr-format.md honest: its vectors must decode, verify, and match these files. */
class TestVectorTest {

  private final PassCodec codec = new PassCodec();

  @Test
  void documentedQrTextVerifiesAndDecodesToDocumentedClaims() throws Exception {
    ECKey jwk = ECKey.parse(read(PUBLIC_JWK));
    PublicKey publicKey = jwk.toECPublicKey();

    DecodedPass decoded = codec.decode(read(QR_TEXT));

    assertThat(codec.verifySignature(decoded, publicKey)).isTrue();
    assertThat(decoded.kid()).isEqualTo(jwk.getKeyID()).isEqualTo(SigningKey.kidOf(publicKey));
    assertThat(decoded.claims()).isEqualTo(claimsFromJson(read(CLAIMS)));
  }

  @Test
  void documentedIntermediateLayersMatchTheQrText() {
    byte[] cose = PassFixtures.unwrap(read(QR_TEXT));

    assertThat(HexFormat.of().formatHex(cose)).isEqualTo(read(COSE_HEX));
    assertThat(HexFormat.of().formatHex(CBORObject.DecodeFromBytes(cose).get(2).GetByteString()))
        .isEqualTo(read(CWT_HEX));
  }

  @Test
  void documentedPrivateKeyBelongsToDocumentedPublicKey() throws Exception {
    ECKey jwk = ECKey.parse(read(PUBLIC_JWK));
    byte[] pkcs8 = Base64.getDecoder().decode(read(PRIVATE_PKCS8));
    KeyPair keyPair = new KeyPair(jwk.toECPublicKey(),
        KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));

    String qr = codec.encode(claimsFromJson(read(CLAIMS)), new SigningKey("00004", keyPair));

    assertThat(codec.verifySignature(codec.decode(qr), jwk.toECPublicKey())).isTrue();
  }

  @Test
  void docQuotesEveryVectorFileVerbatim() throws Exception {
    String doc = Files.readString(DOC);
    for (String file : ALL) {
      assertThat(doc).as("docs/qr-format.md quotes %s", file).contains(read(file));
    }
  }
}
