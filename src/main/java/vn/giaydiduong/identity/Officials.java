package vn.giaydiduong.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/** Who an official is: the ward they serve in a role, and whether they may see a ward's records. */
@Component
public class Officials {

  public static final String ADMINS = Groups.CAMUNDA_ADMIN;

  private final IdentityService identityService;
  private final WardRegistry wards;

  public Officials(IdentityService identityService, WardRegistry wards) {
    this.identityService = identityService;
    this.wards = wards;
  }

  /** The one ward in which {@code userId} holds {@code role}. */
  public String wardOf(String userId, Role role) {
    if (userId == null) {
      throw new InvalidInputException("Không xác định được người thực hiện: hãy đăng nhập bằng tài khoản "
          + role.label() + " của phường.");
    }
    List<String> wards = groupIds(userId).stream().map(role::wardOf).flatMap(Optional::stream).toList();
    if (wards.size() != 1) {
      throw new InvalidInputException("Tài khoản " + userId + " phải thuộc nhóm " + role.label()
          + " của đúng một phường (hiện có " + wards.size() + ").");
    }
    return wards.get(0);
  }

  /**
   * Whether the current user works in {@code wardCode} (any role), supervises its district or supervises the
   * city.
   */
  public boolean currentUserMaySee(String wardCode) {
    Authentication auth = identityService.getCurrentAuthentication();
    if (auth == null || auth.getGroupIds() == null) {
      return false;
    }
    List<String> groups = auth.getGroupIds();
    if (groups.contains(Role.SUPERVISORS) || groups.contains(ADMINS)) {
      return true;
    }
    for (Role role : Role.values()) {
      if (groups.contains(role.groupOf(wardCode))) {
        return true;
      }
    }
    // Looked up only for district supervisors: the ward's district is in the registry, not in the group names.
    List<String> districts = groups.stream().map(Role::supervisedDistrictOf).flatMap(Optional::stream).toList();
    return !districts.isEmpty()
        && wards.find(wardCode).map(ward -> districts.contains(ward.districtCode())).orElse(false);
  }

  /**
   * The districts whose figures the current user may watch: every district for city supervisors and
   * administrators, their own for district supervisors, none for anybody else.
   */
  public Set<String> currentUserWatchedDistricts() {
    Authentication auth = identityService.getCurrentAuthentication();
    if (auth == null || auth.getGroupIds() == null) {
      return Set.of();
    }
    if (currentUserSupervises()) {
      return wards.all().stream().map(Ward::districtCode).collect(Collectors.toCollection(TreeSet::new));
    }
    return auth.getGroupIds().stream().map(Role::supervisedDistrictOf).flatMap(Optional::stream)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Whether the current user holds a role in {@code wardCode}: the only users who act on its cases. */
  public boolean currentUserWorksIn(String wardCode) {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth != null && auth.getGroupIds() != null
        && Arrays.stream(Role.values()).anyMatch(role -> auth.getGroupIds().contains(role.groupOf(wardCode)));
  }

  /** Supervisors and administrators watch the whole city. */
  public boolean currentUserSupervises() {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth != null && auth.getGroupIds() != null
        && (auth.getGroupIds().contains(Role.SUPERVISORS) || auth.getGroupIds().contains(ADMINS));
  }

  public boolean currentUserIsAdmin() {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth != null && auth.getGroupIds() != null && auth.getGroupIds().contains(ADMINS);
  }

  public String currentUserId() {
    Authentication auth = identityService.getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }

  private List<String> groupIds(String userId) {
    Authentication auth = identityService.getCurrentAuthentication();
    if (auth != null && userId.equals(auth.getUserId()) && auth.getGroupIds() != null
        && !auth.getGroupIds().isEmpty()) {
      return auth.getGroupIds();
    }
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }
}
