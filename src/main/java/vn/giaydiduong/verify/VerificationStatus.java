package vn.giaydiduong.verify;

/**
 * The verdict on a scanned code. Only {@link #VALID} lets the person through. The names are part of the public
 * API (docs/checking.md) and of the checkpoint page's offline verifier: never rename one.
 */
public enum VerificationStatus {
  VALID,
  EXPIRED,
  NOT_YET_VALID,
  /** A market card on a day its day rule does not allow. */
  NOT_VALID_TODAY,
  REVOKED,
  /** The signature does not match, or the key belongs to another ward than the pass. */
  BAD_SIGNATURE,
  /** Signed with a key no ward police unit of the city has. */
  UNKNOWN_KEY,
  /** Not a pass of this system, or damaged. */
  MALFORMED;

  /** Whether the pass's content is trustworthy (its signature checked out) and may be shown to the officer. */
  public boolean signatureVerified() {
    return this != BAD_SIGNATURE && this != UNKNOWN_KEY && this != MALFORMED;
  }
}
