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
}
