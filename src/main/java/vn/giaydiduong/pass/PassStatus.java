package vn.giaydiduong.pass;

/** Life of a pass: numbered on approval, signed by the ward police, handed over, maybe revoked. */
public enum PassStatus {
  /** Approved and numbered; waits for the ward police's digital stamp. */
  AWAITING_STAMP,
  /** Signed by the ward police unit: the QR code is valid. */
  ISSUED,
  /** Handed to the holder by the CSKV. */
  DELIVERED,
  /** Never stamped: the ward police returned the list for review. Its number stays used. */
  VOIDED,
  /** Withdrawn after issue. */
  REVOKED
}
