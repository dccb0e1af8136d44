package vn.giaydiduong.casework;

/** The ward official's decision on a list (the review forms' radio values). */
public enum ReviewOutcome {
  APPROVE_ALL,
  REJECT_ALL,
  /** Approve everyone except the people written "STT: lý do". */
  PARTIAL
}
