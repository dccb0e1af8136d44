package vn.giaydiduong.supervision;

/**
 * The events the dashboard counts per ward and Hanoi day, each read from the project's tables as rows of
 * (ward_code, kind, ts): when the event happened, in which ward, for which kind of pass.
 */
enum Measure {
  REGISTRATIONS("registrations", "Hồ sơ nhận", "select ward_code, kind, registered_at as ts from pass_application"),
  /** Decisions on list entries: people (individual and organization passes) and households (market cards). */
  APPROVED("approved", "Người/hộ được duyệt", decisions("APPROVED")),
  REJECTED("rejected", "Người/hộ bị từ chối", decisions("REJECTED")),
  /** A stamped pass keeps stamped_at when it is later delivered or revoked. */
  ISSUED("issued", "Giấy đã cấp (đóng dấu)", "select ward_code, kind, stamped_at as ts from pass"),
  DELIVERED("delivered", "Giấy đã giao", "select ward_code, kind, delivered_at as ts from pass"),
  REVOKED("revoked", "Giấy bị thu hồi", "select ward_code, kind, revoked_at as ts from pass");

  private final String key;
  private final String label;
  private final String source;

  Measure(String key, String label, String source) {
    this.key = key;
    this.label = label;
    this.source = source;
  }

  /** The column's key in the dashboard's JSON. */
  String key() {
    return key;
  }

  String label() {
    return label;
  }

  /** A query of (ward_code, kind, ts) rows, one per event. */
  String source() {
    return source;
  }

  private static String decisions(String decision) {
    return "select a.ward_code, a.kind, x.decided_at as ts from (select application_id, decided_at from applicant "
        + "where decision = '" + decision + "' union all select application_id, decided_at from household "
        + "where decision = '" + decision + "') x join pass_application a on a.id = x.application_id";
  }
}
