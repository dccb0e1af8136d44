package vn.giaydiduong.casework;

/** The ward police's decision on a list (the stamp forms' radio values, compared by the models' gateways). */
public enum StampDecision {
  STAMP,
  /** Stamp all but the passes written "STT: lý do". */
  STAMP_EXCEPT,
  RETURN
}
