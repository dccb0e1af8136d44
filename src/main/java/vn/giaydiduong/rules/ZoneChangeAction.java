package vn.giaydiduong.rules;

/** What a ward's zone change does to a pass already issued there ({@code processes/zone-change.dmn}). */
public enum ZoneChangeAction {
  /** The pass stays valid as signed. */
  KEEP,
  /** The pass is valid until the new zone's longest validity, counted from the change day, at the latest. */
  SHORTEN,
  /** The pass is revoked; its holder needs a new one. */
  REVOKE
}
