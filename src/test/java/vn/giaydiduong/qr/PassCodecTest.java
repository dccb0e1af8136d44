package vn.giaydiduong.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.giaydiduong.qr.PassFixtures.claims;
import static vn.giaydiduong.qr.PassFixtures.newKey;
import static vn.giaydiduong.qr.PassFixtures.unwrap;
import static vn.giaydiduong.qr.PassFixtures.wrap;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base45;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.qr.MalformedPassException.Reason;
import vn.giaydiduong.ward.Zone;

class PassCodecTest {

  private final PassCodec codec = new PassCodec();
  private final SigningKey wardKey = newKey("00004");

  @ParameterizedTest
  @ValueSource(strings = {"Nguyễn Thị Hằng", "Đặng Văn Ưng"})
  void roundTripKeepsVietnameseNamesAndVerifies(String name) {
    PassClaims claims = claims(name);

    String qr = codec.encode(claims, wardKey);
    DecodedPass decoded = codec.decode(qr);

    assertThat(qr).startsWith("HN1:").matches("HN1:[0-9A-Z $%*+\\-./:]+");
    assertThat(decoded.claims()).isEqualTo(claims);
    assertThat(decoded.claims().holderName()).isEqualTo(name);
    assertThat(decoded.kid()).isEqualTo(wardKey.kid());
    assertThat(decoded.expiresAt()).isEqualTo(Instant.parse("2021-09-06T17:00:00Z"));
    assertThat(codec.verifySignature(decoded, wardKey.publicKey())).isTrue();
  }

  @Test
  void roundTripWithAllOptionalFields() {
    PassClaims claims = new PassClaims("00004-000018", PassKind.MARKET_CARD, "Trần Thị Ánh", "001******321",
        "Chợ Đồng Xuân", "00004", Zone.RED, LocalDate.of(2021, 8, 23), LocalDate.of(2021, 8, 23),
        "chẵn", "CA-00004", Instant.parse("2021-08-22T09:30:00.999Z"));

    DecodedPass decoded = codec.decode(codec.encode(claims, wardKey));

    assertThat(decoded.claims()).isEqualTo(claims);
    assertThat(decoded.claims().issuedAt()).isEqualTo(Instant.parse("2021-08-22T09:30:00Z"));
    assertThat(codec.verifySignature(decoded, wardKey.publicKey())).isTrue();
  }

  @Test
  void decomposedDiacriticsAreStoredComposed() {
    String decomposed = Normalizer.normalize("Nguyễn Thị Hằng", Normalizer.Form.NFD);

    DecodedPass decoded = codec.decode(codec.encode(claims(decomposed), wardKey));

    assertThat(decoded.claims().holderName()).isEqualTo("Nguyễn Thị Hằng");
  }

  @Test
  void anotherKeyDoesNotVerify() {
    DecodedPass decoded = codec.decode(codec.encode(claims("Nguyễn Thị Hằng"), wardKey));

    assertThat(codec.verifySignature(decoded, newKey("00004").publicKey())).isFalse();
  }

  @Test
  void everySingleCharacterChangeIsRejected() {
    String qr = codec.encode(claims("Đặng Văn Ưng"), wardKey);
    int verified = 0;
    for (int i = PassCodec.PREFIX.length(); i < qr.length(); i++) {
      // Swap to a different Base45 character, keeping the text a plausible scan.
      char replacement = qr.charAt(i) == '0' ? '1' : '0';
      String tampered = qr.substring(0, i) + replacement + qr.substring(i + 1);
      try {
        if (codec.verifySignature(codec.decode(tampered), wardKey.publicKey())) {
          verified++;
        }
      } catch (MalformedPassException expected) {
        assertThat(expected.getMessage()).startsWith("Mã QR");
      }
    }
    assertThat(verified).isZero();
  }

  @Test
  void payloadResignedByAnotherKeyUnderTheWardKidFails() {
    DecodedPass genuine = codec.decode(codec.encode(claims("Nguyễn Thị Hằng"), wardKey));
    CBORObject cose = CBORObject.DecodeFromBytes(unwrap(codec.encode(claims("Nguyễn Thị Hằng"), wardKey)));
    byte[] protectedHeader = cose.get(0).GetByteString();
    byte[] forgedPayload = cwtWithHolder(cose.get(2).GetByteString(), "Kẻ Giả Mạo");
    SigningKey forger = newKey("00004");
    byte[] forgedSignature = forger.sign(CBORObject.NewArray().Add("Signature1").Add(protectedHeader)
        .Add(new byte[0]).Add(forgedPayload).EncodeToBytes());
    String forged = wrap(CBORObject.NewArray().Add(protectedHeader).Add(CBORObject.NewMap())
        .Add(forgedPayload).Add(forgedSignature).WithTag(18).EncodeToBytes());

    DecodedPass decoded = codec.decode(forged);

    assertThat(decoded.kid()).isEqualTo(genuine.kid());
    assertThat(decoded.claims().holderName()).isEqualTo("Kẻ Giả Mạo");
    assertThat(codec.verifySignature(decoded, wardKey.publicKey())).isFalse();
    assertThat(codec.verifySignature(decoded, forger.publicKey())).isTrue();
  }

  @Test
  void coseWithoutTag18IsAccepted() {
    CBORObject cose = CBORObject.DecodeFromBytes(unwrap(codec.encode(claims("Nguyễn Thị Hằng"), wardKey)));

    DecodedPass decoded = codec.decode(wrap(cose.UntagOne().EncodeToBytes()));

    assertThat(codec.verifySignature(decoded, wardKey.publicKey())).isTrue();
  }

  @Test
  void truncatedCodeIsMalformed() {
    String qr = codec.encode(claims("Nguyễn Thị Hằng"), wardKey);
    for (int length : new int[] {qr.length() - 1, qr.length() - 2, qr.length() - 3, qr.length() / 2, 4, 5}) {
      assertMalformed(qr.substring(0, length), null);
    }
  }

  @Test
  void missingPrefixIsMalformed() {
    String qr = codec.encode(claims("Nguyễn Thị Hằng"), wardKey);

    assertMalformed(qr.substring(PassCodec.PREFIX.length()), Reason.WRONG_PREFIX);
    assertMalformed("", Reason.WRONG_PREFIX);
    assertMalformed(null, Reason.WRONG_PREFIX);
  }

  @Test
  void euCovidCertificateIsNotOurPass() {
    String dcc = "HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DCMH0LDK2%K:XFE70*LP$V25$0Q:J:4MO1P0%0L0HD+9E/HY+4J6TH48S%4K.GJ2PT3QY:GQ3TE2I+-CPHN6D7LLK*2HG%89UV-0LZ 2ZJJ524-LH/CJTK96L6SR9MU9DHGZ%P WUQRENS431T1XCNCF+47AY0-IFO0500TGPN8F5G.41Q2E4T8ALW.INSV$ 07UV5SR+BNQHNML7 /KD3TU 4V4";

    assertMalformed(dcc, Reason.WRONG_PREFIX);
  }

  @Test
  void urlIsNotOurPass() {
    assertMalformed("https://giaydiduong.hanoi.gov.vn/kiem-tra?ma=00004-000017", Reason.WRONG_PREFIX);
  }

  @Test
  void hugeInputIsRejectedBeforeDecoding() {
    assertMalformed("HN1:" + "0".repeat(100_000), Reason.TOO_LONG);
  }

  @Test
  void zlibBombIsRejected() {
    String bomb = wrap(new byte[1_000_000]);
    assertThat(bomb.length()).isLessThanOrEqualTo(PassCodec.MAX_TEXT_LENGTH);

    assertMalformed(bomb, Reason.TOO_LARGE_INFLATED);
  }

  @Test
  void lowercaseIsNotBase45() {
    String qr = codec.encode(claims("Nguyễn Thị Hằng"), wardKey);

    assertMalformed(qr.toLowerCase().replace("hn1:", "HN1:"), Reason.BAD_BASE45);
  }

  @Test
  void base45OfNonZlibIsMalformed() {
    assertMalformed("HN1:" + new Base45().encodeToString("không phải zlib".getBytes(StandardCharsets.UTF_8)),
        Reason.BAD_COMPRESSION);
  }

  @Test
  void zlibOfNonCborIsMalformed() {
    assertMalformed(wrap(new byte[] {(byte) 0xff, 0x01, 0x02}), Reason.BAD_CBOR);
  }

  @Test
  void cborThatIsNotCoseIsMalformed() {
    assertMalformed(wrap(CBORObject.FromObject("HN1").EncodeToBytes()), Reason.BAD_COSE);
  }

  @Test
  void missingClaimsAreMalformed() {
    CBORObject cose = CBORObject.DecodeFromBytes(unwrap(codec.encode(claims("Nguyễn Thị Hằng"), wardKey)));
    CBORObject cwt = CBORObject.DecodeFromBytes(cose.get(2).GetByteString());
    cwt.get(CBORObject.FromObject(PassCodec.CWT_PASS)).Remove(CBORObject.FromObject(PassCodec.HOLDER_NAME));
    cose.set(2, CBORObject.FromObject(cwt.EncodeToBytes()));

    assertMalformed(wrap(cose.EncodeToBytes()), Reason.MISSING_CLAIMS);
  }

  @Test
  void otherAlgorithmIsRejected() {
    CBORObject cose = CBORObject.DecodeFromBytes(unwrap(codec.encode(claims("Nguyễn Thị Hằng"), wardKey)));
    byte[] kid = Base64.getUrlDecoder().decode(wardKey.kid());
    cose.set(0, CBORObject.FromObject(CBORObject.NewOrderedMap().Add(1, -35).Add(4, kid).EncodeToBytes()));

    assertMalformed(wrap(cose.EncodeToBytes()), Reason.UNSUPPORTED_ALGORITHM);
  }

  /** Signed CBOR values for iat/exp that no pass carries; each must be MALFORMED, never an exception. */
  static Stream<Arguments> absurdTimes() {
    return Stream.of(
        Arguments.of("Long.MAX_VALUE", CBORObject.FromObject(Long.MAX_VALUE)),
        Arguments.of("Long.MIN_VALUE", CBORObject.FromObject(Long.MIN_VALUE)),
        Arguments.of("beyond Instant.MAX", CBORObject.FromObject(Instant.MAX.getEpochSecond() + 1)),
        Arguments.of("negative", CBORObject.FromObject(-1)),
        Arguments.of("zero (1970)", CBORObject.FromObject(0)),
        Arguments.of("year 2100", CBORObject.FromObject(PassCodec.MAX_EPOCH_SECOND)),
        Arguments.of("uint64 max", CBORObject.FromObject(EInteger.FromString("18446744073709551615"))),
        Arguments.of("negative uint64", CBORObject.FromObject(EInteger.FromString("-18446744073709551616"))),
        Arguments.of("bignum tag 2", CBORObject.FromObject(EInteger.FromString("1").ShiftLeft(200))),
        Arguments.of("negative bignum tag 3", CBORObject.FromObject(EInteger.FromString("-1").ShiftLeft(200))),
        Arguments.of("bignum tag 2 of a small value", CBORObject.FromObjectAndTag(new byte[] {0x61, 0x22}, 2)),
        Arguments.of("epoch date tag 1", CBORObject.FromObjectAndTag(1_630_000_000, 1)),
        Arguments.of("float", CBORObject.FromObject(1.63e9)),
        Arguments.of("text", CBORObject.FromObject("2021-08-22T09:30:00Z")));
  }

  @ParameterizedTest(name = "iat {0}")
  @MethodSource("absurdTimes")
  void absurdIssuedAtIsMalformedNotAnError(String what, CBORObject value) {
    String qr = Forgeries.withClaim(codec.encode(claims("Nguyễn Thị Hằng"), wardKey), PassCodec.CWT_IAT, value,
        wardKey);

    assertMalformed(qr, null);
  }

  @ParameterizedTest(name = "exp {0}")
  @MethodSource("absurdTimes")
  void absurdExpiryIsMalformedNotAnError(String what, CBORObject value) {
    String qr = Forgeries.withClaim(codec.encode(claims("Nguyễn Thị Hằng"), wardKey), PassCodec.CWT_EXP, value,
        wardKey);

    assertMalformed(qr, null);
  }

  @Test
  void timesAtTheEdgesOfThePlausibleRangeStillDecode() {
    String base = codec.encode(claims("Nguyễn Thị Hằng"), wardKey);
    String earliest = Forgeries.withClaim(base, PassCodec.CWT_IAT, CBORObject.FromObject(PassCodec.MIN_EPOCH_SECOND),
        wardKey);
    String latest = Forgeries.withClaim(base, PassCodec.CWT_EXP,
        CBORObject.FromObject(PassCodec.MAX_EPOCH_SECOND - 1), wardKey);

    assertThat(codec.decode(earliest).claims().issuedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(codec.decode(latest).expiresAt()).isEqualTo(Instant.parse("2099-12-31T23:59:59Z"));
    assertMalformed(Forgeries.withClaim(base, PassCodec.CWT_IAT,
        CBORObject.FromObject(PassCodec.MIN_EPOCH_SECOND - 1), wardKey), Reason.IMPLAUSIBLE_TIME);
    assertMalformed(Forgeries.withClaim(base, PassCodec.CWT_EXP, CBORObject.FromObject(Long.MAX_VALUE), wardKey),
        Reason.IMPLAUSIBLE_TIME);
  }

  @Test
  void deeplyNestedCborIsMalformedNotAStackOverflow() {
    byte[] nested = new byte[PassCodec.MAX_INFLATED_BYTES];
    Arrays.fill(nested, (byte) 0x81); // array of one element, 4096 levels deep

    assertMalformed(wrap(nested), null);
  }

  @Test
  void trailingNewlineFromScannerIsTolerated() {
    String qr = codec.encode(claims("Nguyễn Thị Hằng"), wardKey);

    assertThat(codec.verifySignature(codec.decode(qr + "\r\n"), wardKey.publicKey())).isTrue();
  }

  @Test
  void kidIsTruncatedSha256OfSubjectPublicKeyInfo() throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(wardKey.publicKey().getEncoded());

    assertThat(Base64.getUrlDecoder().decode(wardKey.kid())).containsExactly(java.util.Arrays.copyOf(digest, 8));
    assertThat(wardKey.kid()).hasSize(11);
  }

  @Test
  void base45MatchesRfc9285Examples() {
    Base45 base45 = Base45.builder().setDecodingPolicy(CodecPolicy.STRICT).get();

    assertThat(base45.encodeToString("AB".getBytes(StandardCharsets.US_ASCII))).isEqualTo("BB8");
    assertThat(base45.encodeToString("Hello!!".getBytes(StandardCharsets.US_ASCII))).isEqualTo("%69 VD92EX0");
    assertThat(base45.encodeToString("base-45".getBytes(StandardCharsets.US_ASCII))).isEqualTo("UJCLQE7W581");
    assertThat(new String(base45.decode("QED8WEX0"), StandardCharsets.US_ASCII)).isEqualTo("ietf!");
    // RFC 9285 §6: values above 65535, and a dangling single character, must be rejected.
    assertMalformed("HN1:GGW", Reason.BAD_BASE45);
    assertMalformed("HN1:QED8WEX", Reason.BAD_BASE45);
  }

  private void assertMalformed(String text, Reason reason) {
    assertThatThrownBy(() -> codec.decode(text))
        .isInstanceOfSatisfying(MalformedPassException.class, e -> {
          if (reason != null) {
            assertThat(e.reason()).isEqualTo(reason);
          }
          assertThat(e.getMessage()).startsWith("Mã QR").contains("giấy đi đường");
        });
  }

  private static byte[] cwtWithHolder(byte[] payload, String holder) {
    CBORObject cwt = CBORObject.DecodeFromBytes(payload);
    cwt.get(CBORObject.FromObject(PassCodec.CWT_PASS)).set(CBORObject.FromObject(PassCodec.HOLDER_NAME),
        CBORObject.FromObject(holder));
    return cwt.EncodeToBytes();
  }
}
