package vn.giaydiduong.qr;

import com.upokecenter.cbor.CBORObject;

/** Codes a forger could make, for tests outside this package: own keys, edited payloads. */
public final class Forgeries {

  private Forgeries() {
  }

  /** A fresh P-256 key that no ward police unit has, claiming to be {@code wardCode}'s. */
  public static SigningKey keyOfNoWard(String wardCode) {
    return PassFixtures.newKey(wardCode);
  }

  /**
   * The pass with its holder's name replaced inside the signed payload, the original signature kept: what someone
   * editing a pass's bytes produces.
   */
  public static String withHolderName(String qrText, String holderName) {
    CBORObject cose = CBORObject.DecodeFromBytes(PassFixtures.unwrap(qrText));
    CBORObject payload = CBORObject.DecodeFromBytes(cose.get(2).GetByteString());
    payload.get(CBORObject.FromObject(PassCodec.CWT_PASS)).set(PassCodec.HOLDER_NAME, CBORObject.FromObject(holderName));
    cose.set(2, CBORObject.FromObject(payload.EncodeToBytes()));
    return PassFixtures.wrap(cose.EncodeToBytes());
  }

  /**
   * The pass with CWT claim {@code claimKey} ({@code iat} 6, {@code exp} 4) replaced by {@code value} and signed
   * again with {@code key}: a correctly signed code carrying an absurd time, as a leaked or buggy signer could make.
   */
  public static String withClaim(String qrText, int claimKey, CBORObject value, SigningKey key) {
    CBORObject cose = CBORObject.DecodeFromBytes(PassFixtures.unwrap(qrText));
    CBORObject payload = CBORObject.DecodeFromBytes(cose.get(2).GetByteString());
    payload.set(CBORObject.FromObject(claimKey), value);
    byte[] protectedHeader = cose.get(0).GetByteString();
    byte[] payloadBytes = payload.EncodeToBytes();
    byte[] signature = key.sign(CBORObject.NewArray().Add("Signature1").Add(protectedHeader).Add(new byte[0])
        .Add(payloadBytes).EncodeToBytes());
    return PassFixtures.wrap(CBORObject.NewArray().Add(protectedHeader).Add(CBORObject.NewMap()).Add(payloadBytes)
        .Add(signature).WithTag(PassCodec.COSE_SIGN1_TAG).EncodeToBytes());
  }

  /** The COSE_Sign1 bytes inside a code (after Base45 and zlib). */
  public static byte[] coseBytes(String qrText) {
    return PassFixtures.unwrap(qrText);
  }

  /** Any bytes as the COSE layer of a well-formed code: for damaged or truncated COSE. */
  public static String wrapCose(byte[] cose) {
    return PassFixtures.wrap(cose);
  }
}
