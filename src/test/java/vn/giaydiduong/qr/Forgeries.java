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
}
