package vn.giaydiduong.caselist;

/**
 * Where a case stands, derived from the registry's rows (people's decisions, passes, the case's closing), never
 * stored: the rows are the truth, a stored status could disagree with them.
 */
public enum CaseStatus {
  /** Registered; nobody on the list decided yet (or the organization's list has not arrived). */
  REGISTERED("Đã đăng ký"),
  /** Decided in part or in full, passes awaiting the ward police's stamp (or returned for a new review). */
  IN_REVIEW("Đang xét duyệt"),
  /** Stamped passes wait to be handed over. */
  STAMPED("Đã đóng dấu"),
  /** Passes handed over. */
  DELIVERED("Đã giao"),
  /** Everyone on the list was rejected. */
  REJECTED("Bị từ chối"),
  /** Ended without a pass handed over (an organization that sent no list, a cancelled case). */
  CLOSED("Đã đóng");

  /**
   * The same derivation as SQL over a {@code pass_application a}, so the list filters and pages by status in the
   * database. The order of the branches decides: a running case with stamped passes is STAMPED even when some were
   * handed over already (market cards come back for a second delivery).
   */
  static final String SQL = """
      case
        when a.closed_at is null and exists (select 1 from pass p where p.application_id = a.id
          and p.status = 'ISSUED') then 'STAMPED'
        when exists (select 1 from pass p where p.application_id = a.id and p.delivered_at is not null)
          then 'DELIVERED'
        when (exists (select 1 from applicant x where x.application_id = a.id)
            or exists (select 1 from household h where h.application_id = a.id))
          and not exists (select 1 from applicant x where x.application_id = a.id and x.decision <> 'REJECTED')
          and not exists (select 1 from household h where h.application_id = a.id and h.decision <> 'REJECTED')
          then 'REJECTED'
        when a.closed_at is not null then 'CLOSED'
        when exists (select 1 from applicant x where x.application_id = a.id and x.decision <> 'PENDING')
          or exists (select 1 from household h where h.application_id = a.id and h.decision <> 'PENDING')
          or exists (select 1 from pass p where p.application_id = a.id) then 'IN_REVIEW'
        else 'REGISTERED'
      end""";

  private final String label;

  CaseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
