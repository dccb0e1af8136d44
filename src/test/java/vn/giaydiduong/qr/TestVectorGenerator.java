package vn.giaydiduong.qr;

import static vn.giaydiduong.qr.TestVectorFiles.*;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.upokecenter.cbor.CBORObject;

/**
 * Regenerates the test vectors with a fresh key. Off by default: the vectors are meant to stay
 * fixed. Run {@code mvn test -Dtest=TestVectorGenerator -Dqr.vectors.regenerate=true}, then
 * paste the files into docs/qr-format.md (TestVectorTest fails until the doc matches).
 */
@EnabledIfSystemProperty(named = "qr.vectors.regenerate", matches = "true")
class TestVectorGenerator {

    @Test
    void regenerate() throws Exception {
        KeyPair keyPair = PassFixtures.keyPair();
        SigningKey key = new SigningKey("00004", keyPair);
        String claimsJson = """
                {
                  "passId": "00004-000017",
                  "kind": "INDIVIDUAL",
                  "holderName": "Nguyễn Thị Hằng",
                  "maskedIdNumber": "001******789",
                  "organization": "Bệnh viện Bạch Mai",
                  "wardCode": "00004",
                  "zone": "ORANGE",
                  "validFrom": "2021-08-23",
                  "validUntil": "2021-09-06",
                  "dayRule": null,
                  "issuer": "CA-00004",
                  "issuedAt": "2021-08-22T09:30:00Z"
                }
                """;
        String qr = new PassCodec().encode(claimsFromJson(claimsJson), key);
        byte[] cose = PassFixtures.unwrap(qr);
        byte[] payload = CBORObject.DecodeFromBytes(cose).get(2).GetByteString();
        ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) keyPair.getPublic())
                .keyID(key.kid()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();

        write(PUBLIC_JWK, jwk.toPublicJWK().toJSONString());
        write(PRIVATE_PKCS8, Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded()));
        write(CLAIMS, claimsJson);
        write(QR_TEXT, qr);
        write(CWT_HEX, HexFormat.of().formatHex(payload));
        write(COSE_HEX, HexFormat.of().formatHex(cose));
    }
}
