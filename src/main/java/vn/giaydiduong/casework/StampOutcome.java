package vn.giaydiduong.casework;

/**
 * How the called stamping model (stamp-and-sign) ended, which its callers route on: the passes or cards were
 * signed and printed, or the ward police returned the list to the ward official.
 */
public enum StampOutcome {
  SIGNED,
  RETURNED
}
