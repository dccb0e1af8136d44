package vn.giaydiduong.qr;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base45;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.qr.MalformedPassException.Reason;
import vn.giaydiduong.ward.Zone;

/**
 * Pass QR format, modelled on the EU Digital COVID Certificate (hcert):
 * {@code "HN1:" + Base45(zlib(COSE_Sign1(CWT{iss, iat, exp, -65537: claims})))}.
 * The exact layout, CBOR keys and test vectors are in docs/qr-format.md; keep both in step.
 */
@Component
public class PassCodec {

  public static final String PREFIX = "HN1:";
  /** A real pass is ~300 characters; anything near this is not ours. */
  static final int MAX_TEXT_LENGTH = 2_000;
  /** Inflate cap, so a tiny zlib bomb cannot make us allocate megabytes. */
  static final int MAX_INFLATED_BYTES = 4_096;

  static final int COSE_SIGN1_TAG = 18;
  static final int HEADER_ALG = 1;
  static final int HEADER_KID = 4;
  static final int ALG_ES256 = -7;
  static final int KID_LENGTH = 8;

  static final int CWT_ISS = 1;
  static final int CWT_EXP = 4;
  static final int CWT_IAT = 6;
  /** Private-use CWT claim (RFC 8392 §9.1: below -65536) holding the pass claims map. */
  static final int CWT_PASS = -65537;

  static final int PASS_ID = 1;
  static final int KIND = 2;
  static final int HOLDER_NAME = 3;
  static final int MASKED_ID = 4;
  static final int ORGANIZATION = 5;
  static final int WARD_CODE = 6;
  static final int ZONE = 7;
  static final int VALID_FROM = 8;
  static final int VALID_UNTIL = 9;
  static final int DAY_RULE = 10;

  /**
   * Plausible range of {@code iat} and {@code exp}. A signed value outside it is not a pass of this system, and
   * values beyond {@link Instant}'s range would otherwise throw where a verdict is expected.
   */
  static final long MIN_EPOCH_SECOND = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
  static final long MAX_EPOCH_SECOND = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();

  /** Passes expire at midnight local time, whatever the server's zone. */
  static final ZoneId PASS_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /**
   * Scans are verified with BouncyCastle's lightweight ECDSA on its P-256 curve: about ten times faster than the
   * JDK 17 provider's constant-time code (docs/benchmarks.md, W4), which a verification, holding no secret, does
   * not need. Signing stays with the JDK provider.
   */
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECDomainParameters P256_DOMAIN = new ECDomainParameters(P256);
  private static final int P256_FIELD_BYTES = 32;
  /** The ward police units' keys, few: converted once each. */
  private final Cache<PublicKey, ECPublicKeyParameters> verificationKeys = Caffeine.newBuilder()
      .maximumSize(10_000).build();

  // STRICT rejects characters outside the alphabet and out-of-range triplets instead of skipping them.
  private final Base45 base45 = Base45.builder().setDecodingPolicy(CodecPolicy.STRICT).get();

  public String encode(PassClaims claims, SigningKey key) {
    byte[] protectedHeader = CBORObject.NewOrderedMap()
        .Add(HEADER_ALG, ALG_ES256)
        .Add(HEADER_KID, Base64.getUrlDecoder().decode(key.kid()))
        .EncodeToBytes();
    byte[] payload = cwt(claims).EncodeToBytes();
    byte[] signature = key.sign(sigStructure(protectedHeader, payload));
    byte[] cose = CBORObject.NewArray()
        .Add(protectedHeader)
        .Add(CBORObject.NewMap())
        .Add(payload)
        .Add(signature)
        .WithTag(COSE_SIGN1_TAG)
        .EncodeToBytes();
    return PREFIX + base45.encodeToString(deflate(cose));
  }

  /** Parses every layer; does not check the signature (see {@link #verifySignature}). */
  public DecodedPass decode(String qrText) {
    if (qrText == null) {
      throw new MalformedPassException(Reason.WRONG_PREFIX, "null text");
    }
    if (qrText.length() > MAX_TEXT_LENGTH) {
      throw new MalformedPassException(Reason.TOO_LONG, qrText.length() + " characters");
    }
    // Some scanners append CR/LF; nothing else around the code is tolerated.
    String text = qrText.strip();
    if (!text.startsWith(PREFIX)) {
      throw new MalformedPassException(Reason.WRONG_PREFIX, "does not start with " + PREFIX);
    }
    byte[] compressed;
    try {
      compressed = base45.decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new MalformedPassException(Reason.BAD_BASE45, e.getMessage(), e);
    }
    byte[] cose = inflate(compressed);
    try {
      return parseCose(CBORObject.DecodeFromBytes(cose));
    } catch (CBORException | IllegalStateException | ArithmeticException e) {
      // PeterO reports type mismatches with IllegalStateException, overflow with ArithmeticException.
      throw new MalformedPassException(Reason.BAD_CBOR, e.getMessage(), e);
    }
  }

  /**
   * True only if {@code key} made the signature. Which key to use, and whether that key belongs
   * to the ward named in the claims, is the caller's decision.
   */
  public boolean verifySignature(DecodedPass decoded, PublicKey key) {
    byte[] signature = decoded.signature();
    if (signature.length != 2 * P256_FIELD_BYTES) {
      return false; // ES256 in COSE is r and s of 32 bytes each
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, verificationKeys.get(key, PassCodec::verificationKey));
    return verifier.verifySignature(sha256(decoded.signedData()),
        new BigInteger(1, Arrays.copyOfRange(signature, 0, P256_FIELD_BYTES)),
        new BigInteger(1, Arrays.copyOfRange(signature, P256_FIELD_BYTES, signature.length)));
  }

  /** The key on BouncyCastle's P-256 curve, the point checked to lie on it. */
  private static ECPublicKeyParameters verificationKey(PublicKey key) {
    if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IllegalArgumentException("not a P-256 public key: " + key.getAlgorithm());
    }
    ECPoint point = P256.getCurve().createPoint(ec.getW().getAffineX(), ec.getW().getAffineY());
    return new ECPublicKeyParameters(point, P256_DOMAIN);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static CBORObject cwt(PassClaims c) {
    CBORObject pass = CBORObject.NewOrderedMap()
        .Add(PASS_ID, c.passId())
        .Add(KIND, kindCode(c.kind()))
        .Add(HOLDER_NAME, c.holderName())
        .Add(MASKED_ID, c.maskedIdNumber());
    if (c.organization() != null) {
      pass.Add(ORGANIZATION, c.organization());
    }
    pass.Add(WARD_CODE, c.wardCode())
        .Add(ZONE, zoneCode(c.zone()))
        .Add(VALID_FROM, c.validFrom().toString())
        .Add(VALID_UNTIL, c.validUntil().toString());
    if (c.dayRule() != null) {
      pass.Add(DAY_RULE, c.dayRule());
    }
    return CBORObject.NewOrderedMap()
        .Add(CWT_ISS, c.issuer())
        .Add(CWT_IAT, c.issuedAt().getEpochSecond())
        .Add(CWT_EXP, expiry(c.validUntil()).getEpochSecond())
        .Add(CWT_PASS, pass);
  }

  static Instant expiry(LocalDate validUntil) {
    return validUntil.plusDays(1).atStartOfDay(PASS_ZONE).toInstant();
  }

  private static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
    return CBORObject.NewArray()
        .Add("Signature1")
        .Add(protectedHeader)
        .Add(new byte[0])
        .Add(payload)
        .EncodeToBytes();
  }

  private DecodedPass parseCose(CBORObject cose) {
    if (cose.isTagged()) {
      if (cose.getTagCount() != 1 || !cose.HasMostOuterTag(COSE_SIGN1_TAG)) {
        throw malformedCose("unexpected tag " + cose.getMostOuterTag());
      }
      cose = cose.UntagOne();
    }
    if (cose.getType() != CBORType.Array || cose.size() != 4) {
      throw malformedCose("COSE_Sign1 must be a 4-element array");
    }
    byte[] protectedBytes = bytes(cose.get(0), "protected header");
    if (cose.get(1).getType() != CBORType.Map) {
      throw malformedCose("unprotected header must be a map");
    }
    byte[] payload = bytes(cose.get(2), "payload");
    byte[] signature = bytes(cose.get(3), "signature");

    CBORObject header = map(CBORObject.DecodeFromBytes(protectedBytes), "protected header");
    CBORObject alg = header.get(CBORObject.FromObject(HEADER_ALG));
    if (alg == null || alg.getType() != CBORType.Integer || !alg.CanValueFitInInt32()
        || alg.AsInt32Value() != ALG_ES256) {
      throw new MalformedPassException(Reason.UNSUPPORTED_ALGORITHM, "alg " + alg);
    }
    CBORObject kidObject = header.get(CBORObject.FromObject(HEADER_KID));
    byte[] kid = kidObject == null ? null : bytes(kidObject, "kid");
    if (kid == null || kid.length != KID_LENGTH) {
      throw malformedCose("kid must be " + KID_LENGTH + " bytes");
    }

    CBORObject cwt = map(CBORObject.DecodeFromBytes(payload), "CWT payload");
    PassClaims claims = claims(cwt);
    Instant expiresAt = requiredTime(cwt, CWT_EXP, "exp");
    return new DecodedPass(BASE64URL.encodeToString(kid), claims, expiresAt,
        sigStructure(protectedBytes, payload), signature);
  }

  private static PassClaims claims(CBORObject cwt) {
    CBORObject passObject = cwt.get(CBORObject.FromObject(CWT_PASS));
    if (passObject == null) {
      throw missing("pass claims (" + CWT_PASS + ")");
    }
    CBORObject pass = map(passObject, "pass claims");
    try {
      return new PassClaims(
          requiredText(pass, PASS_ID, "passId"),
          kindOf(requiredLong(pass, KIND, "kind")),
          requiredText(pass, HOLDER_NAME, "holderName"),
          requiredText(pass, MASKED_ID, "maskedIdNumber"),
          optionalText(pass, ORGANIZATION),
          requiredText(pass, WARD_CODE, "wardCode"),
          zoneOf(requiredLong(pass, ZONE, "zone")),
          LocalDate.parse(requiredText(pass, VALID_FROM, "validFrom")),
          LocalDate.parse(requiredText(pass, VALID_UNTIL, "validUntil")),
          optionalText(pass, DAY_RULE),
          requiredText(cwt, CWT_ISS, "iss"),
          requiredTime(cwt, CWT_IAT, "iat"));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new MalformedPassException(Reason.MISSING_CLAIMS, e.getMessage(), e);
    }
  }

  // Explicit codes rather than ordinals, so reordering the Java enums cannot change the format.
  private static int kindCode(PassKind kind) {
    return switch (kind) {
      case INDIVIDUAL -> 1;
      case ORGANIZATION -> 2;
      case MARKET_CARD -> 3;
    };
  }

  private static PassKind kindOf(long code) {
    for (PassKind kind : PassKind.values()) {
      if (kindCode(kind) == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown kind code " + code);
  }

  private static int zoneCode(Zone zone) {
    return switch (zone) {
      case RED -> 1;
      case ORANGE -> 2;
      case GREEN -> 3;
    };
  }

  private static Zone zoneOf(long code) {
    for (Zone zone : Zone.values()) {
      if (zoneCode(zone) == code) {
        return zone;
      }
    }
    throw new IllegalArgumentException("unknown zone code " + code);
  }

  private static String requiredText(CBORObject map, int key, String name) {
    String value = optionalText(map, key);
    if (value == null) {
      throw missing(name + " (" + key + ")");
    }
    return value;
  }

  private static String optionalText(CBORObject map, int key) {
    CBORObject value = map.get(CBORObject.FromObject(key));
    if (value == null) {
      return null;
    }
    if (value.getType() != CBORType.TextString || value.isTagged()) {
      throw missing("key " + key + " is not a text string");
    }
    return value.AsString();
  }

  private static long requiredLong(CBORObject map, int key, String name) {
    CBORObject value = map.get(CBORObject.FromObject(key));
    if (value == null) {
      throw missing(name + " (" + key + ")");
    }
    if (value.getType() != CBORType.Integer || value.isTagged() || !value.CanValueFitInInt64()) {
      throw missing(name + " (" + key + ") is not an integer");
    }
    return value.AsInt64Value();
  }

  /** Epoch seconds within the plausible range; anything else (negative, huge, bignum) is malformed. */
  private static Instant requiredTime(CBORObject map, int key, String name) {
    long seconds = requiredLong(map, key, name);
    if (seconds < MIN_EPOCH_SECOND || seconds >= MAX_EPOCH_SECOND) {
      throw new MalformedPassException(Reason.IMPLAUSIBLE_TIME, name + " " + seconds + " out of range");
    }
    return Instant.ofEpochSecond(seconds);
  }

  private static byte[] bytes(CBORObject value, String what) {
    if (value.getType() != CBORType.ByteString || value.isTagged()) {
      throw malformedCose(what + " must be a byte string");
    }
    return value.GetByteString();
  }

  private static CBORObject map(CBORObject value, String what) {
    if (value.getType() != CBORType.Map || value.isTagged()) {
      throw malformedCose(what + " must be a map");
    }
    return value;
  }

  private static MalformedPassException malformedCose(String detail) {
    return new MalformedPassException(Reason.BAD_COSE, detail);
  }

  private static MalformedPassException missing(String detail) {
    return new MalformedPassException(Reason.MISSING_CLAIMS, detail);
  }

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
      byte[] buffer = new byte[512];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] compressed) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      // One byte over the cap tells "exactly at the cap" from "more to come".
      byte[] buffer = new byte[MAX_INFLATED_BYTES + 1];
      int length = 0;
      while (!inflater.finished() && length < buffer.length) {
        int n = inflater.inflate(buffer, length, buffer.length - length);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new MalformedPassException(Reason.BAD_COMPRESSION, "truncated zlib stream");
        }
        length += n;
      }
      if (length > MAX_INFLATED_BYTES) {
        throw new MalformedPassException(Reason.TOO_LARGE_INFLATED,
            "inflates beyond " + MAX_INFLATED_BYTES + " bytes");
      }
      if (inflater.getRemaining() != 0) {
        throw new MalformedPassException(Reason.BAD_COMPRESSION, "data after the zlib stream");
      }
      return Arrays.copyOf(buffer, length);
    } catch (DataFormatException e) {
      throw new MalformedPassException(Reason.BAD_COMPRESSION, e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
