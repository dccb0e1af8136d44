package vn.giaydiduong.qr;

import java.time.Instant;

/**
 * A pass read from a QR code whose signature has NOT been checked yet: look the public key up by
 * {@link #kid()} and call {@link PassCodec#verifySignature} before trusting {@link #claims()}.
 */
public final class DecodedPass {

  private final String kid;
  private final PassClaims claims;
  private final Instant expiresAt;
  private final byte[] signedData;
  private final byte[] signature;

  DecodedPass(String kid, PassClaims claims, Instant expiresAt, byte[] signedData, byte[] signature) {
    this.kid = kid;
    this.claims = claims;
    this.expiresAt = expiresAt;
    this.signedData = signedData;
    this.signature = signature;
  }

  /** Key id from the COSE protected header: base64url (no padding) of 8 bytes. */
  public String kid() {
    return kid;
  }

  public PassClaims claims() {
    return claims;
  }

  /** CWT "exp": start of the day after {@code validUntil}, Vietnam time. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** The COSE Sig_structure ["Signature1", protected, h'', payload], CBOR-encoded. */
  public byte[] signedData() {
    return signedData.clone();
  }

  /** ES256 signature, raw r||s (64 bytes). */
  public byte[] signature() {
    return signature.clone();
  }
}
