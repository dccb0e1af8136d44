package vn.giaydiduong.identity;

import java.util.Optional;

/**
 * The three roles of a ward in the procedure. Each role has one Camunda group per ward (the candidate group of
 * that ward's tasks, e.g. {@code officials-00004}) and one city-wide group ({@code officials}) that carries the
 * role's authorizations; every official is a member of both.
 */
public enum Role {
  CSKV("cskv", "Cảnh sát khu vực"),
  OFFICIAL("officials", "Cán bộ phường"),
  POLICE("police", "Công an phường");

  public static final String SUPERVISORS = "supervisors";
  public static final String ANALYSTS = "analysts";
  /** Prefix of the district supervisors' groups, e.g. {@code supervisors-001} for Quận Ba Đình. */
  private static final String DISTRICT_SUPERVISORS_PREFIX = SUPERVISORS + "-";

  private final String groupId;
  private final String label;

  Role(String groupId, String label) {
    this.groupId = groupId;
    this.label = label;
  }

  /** The city-wide group of this role. */
  public String groupId() {
    return groupId;
  }

  public String label() {
    return label;
  }

  /** The group of this role in one ward: the candidate group of that ward's tasks. */
  public String groupOf(String wardCode) {
    return groupId + "-" + wardCode;
  }

  /** The ward code if {@code groupId} is this role's group of a ward. */
  public Optional<String> wardOf(String groupId) {
    String prefix = this.groupId + "-";
    return groupId.startsWith(prefix) ? Optional.of(groupId.substring(prefix.length()))
        : Optional.empty();
  }

  /** The group of the supervisors of one district: they watch that district's wards only. */
  public static String districtSupervisorsOf(String districtCode) {
    return DISTRICT_SUPERVISORS_PREFIX + districtCode;
  }

  /** The district code if {@code groupId} is a district supervisors' group. */
  public static Optional<String> supervisedDistrictOf(String groupId) {
    return groupId.startsWith(DISTRICT_SUPERVISORS_PREFIX)
        ? Optional.of(groupId.substring(DISTRICT_SUPERVISORS_PREFIX.length())) : Optional.empty();
  }
}
