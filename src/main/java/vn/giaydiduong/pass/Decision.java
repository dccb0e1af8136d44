package vn.giaydiduong.pass;

/** A ward official's decision on one person. */
public enum Decision {
  PENDING,
  APPROVED,
  REJECTED
}
