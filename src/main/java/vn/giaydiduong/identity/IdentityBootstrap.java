package vn.giaydiduong.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Creates, on every start and idempotently, what the procedure needs in Camunda's identity service: the three
 * role groups of every ward, the city-wide groups with their authorizations, and the Tasklist filters. Nothing
 * here is demo data: production needs the same groups (its users come from the city's directory or Admin).
 */
@Component
@Order(1)
public class IdentityBootstrap implements ApplicationRunner {

  /** Processes that CSKV officers start from Tasklist. */
  public static final List<String> CSKV_STARTABLE_PROCESSES = List.of("individual-pass", "market-card",
      "organization-pass");
  /** Started by a ward official or the ward police (Tasklist or POST /api/passes/{number}/revocation). */
  public static final String REVOKE_PASS_PROCESS = "revoke-pass";

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final WardRegistry wards;

  public IdentityBootstrap(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, TaskService taskService, WardRegistry wards) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.wards = wards;
  }

  @Override
  public void run(ApplicationArguments args) {
    createGroups();
    grantRoleAuthorizations();
    createFilters();
  }

  private void createGroups() {
    Map<String, Group> existing = identityService.createGroupQuery().list().stream()
        .collect(Collectors.toMap(Group::getId, group -> group));
    int created = 0;
    for (Role role : Role.values()) {
      created += createGroup(existing, role.groupId(), role.label() + " (toàn thành phố)");
    }
    created += createGroup(existing, Role.SUPERVISORS, "Giám sát (Cockpit)");
    created += createGroup(existing, Role.ANALYSTS, "Phân tích nghiệp vụ (BPMN/DMN)");
    for (Ward ward : wards.all()) {
      for (Role role : Role.values()) {
        created += createGroup(existing, role.groupOf(ward.code()), wardGroupName(role, ward));
      }
    }
    for (Map.Entry<String, String> district : districts().entrySet()) {
      created += createGroup(existing, Role.districtSupervisorsOf(district.getKey()),
          "Giám sát – " + district.getValue());
    }
    if (created > 0) {
      log.info("Created {} Camunda groups for the wards and roles", created);
    }
  }

  /** District code → name, in code order. */
  private Map<String, String> districts() {
    return wards.all().stream().collect(Collectors.toMap(Ward::districtCode, Ward::districtName, (a, b) -> a,
        TreeMap::new));
  }

  /** Reads naturally and is found by the ward's name in Admin: "Cán bộ phường – Phúc Xá (Ba Đình)". */
  static String wardGroupName(Role role, Ward ward) {
    return role.label() + " – " + ward.shortName() + " (" + ward.shortDistrictName() + ")";
  }

  /** Creates the group, or renames it if an earlier version named it otherwise; 1 if created. */
  private int createGroup(Map<String, Group> existing, String id, String name) {
    Group group = existing.get(id);
    if (group != null) {
      if (!name.equals(group.getName())) {
        group.setName(name);
        identityService.saveGroup(group);
      }
      return 0;
    }
    group = identityService.newGroup(id);
    group.setName(name);
    group.setType("WORKFLOW");
    identityService.saveGroup(group);
    return 1;
  }

  private void grantRoleAuthorizations() {
    for (Role role : Role.values()) {
      grant(role.groupId(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Definitions hold no personal data; Tasklist shows their names and diagrams.
      grant(role.groupId(), Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    }
    for (String processKey : CSKV_STARTABLE_PROCESSES) {
      grant(Role.CSKV.groupId(), Resources.PROCESS_DEFINITION, processKey, Permissions.CREATE_INSTANCE);
    }
    grant(Role.CSKV.groupId(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    // Revocation: the delegate confines each official and police officer to the passes of their own ward.
    for (Role role : List.of(Role.OFFICIAL, Role.POLICE)) {
      grant(role.groupId(), Resources.PROCESS_DEFINITION, REVOKE_PASS_PROCESS, Permissions.CREATE_INSTANCE);
      grant(role.groupId(), Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }

    String sup = Role.SUPERVISORS;
    grant(sup, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(sup, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    // Supervisors watch every ward and retry failed steps (e.g. after an SMTP outage); they change no data.
    grant(sup, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE,
        Permissions.READ_HISTORY, Permissions.READ_TASK, Permissions.UPDATE_INSTANCE,
        ProcessDefinitionPermissions.SUSPEND, ProcessDefinitionPermissions.SUSPEND_INSTANCE);
    grant(sup, Resources.PROCESS_INSTANCE, "*", Permissions.READ, Permissions.UPDATE);
    grant(sup, Resources.TASK, "*", Permissions.READ);
    grant(sup, Resources.DEPLOYMENT, "*", Permissions.READ);
    grant(sup, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
    grant(sup, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);

    // District supervisors watch their district on the supervisors' dashboard. Camunda cannot confine instance,
    // task or history reads to a district's wards (they are granted per resource, not per variable), so they get
    // only what holds no personal data: Cockpit with the models and rules, no instances, tasks or history.
    for (String district : districts().keySet()) {
      String group = Role.districtSupervisorsOf(district);
      grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
      grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
      grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
      grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    }

    // Analysts change models and rules, never people's data: no history, no instances, no variables; and they do
    // not suspend what the wards are working on. Set exactly, so that an older, wider grant is narrowed.
    String ana = Role.ANALYSTS;
    grant(ana, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grantExactly(ana, Resources.DEPLOYMENT, "*", Permissions.READ, Permissions.CREATE, Permissions.DELETE);
    grantExactly(ana, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
    grantExactly(ana, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.CREATE_INSTANCE);
    grantExactly(ana, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
  }

  /** Filter names; kept stable, because a start updates the filter of that name in place. */
  static final String CSKV_QUEUE = "Việc của phường – CSKV";
  static final String OFFICIALS_QUEUE = "Hồ sơ chờ xét duyệt – Cán bộ phường";
  static final String POLICE_QUEUE = "Giấy chờ đóng dấu – Công an phường";
  static final String MINE = "Việc tôi đang nhận";
  static final String OVERDUE = "Quá hạn – việc của phường";
  static final String OVERDUE_CITY = "Quá hạn – toàn thành phố";
  static final String ALL_OPEN = "Tất cả việc đang mở – Giám sát";

  /**
   * One queue per role (each role's tasks by their candidate group), late tasks for the wards and for the city,
   * the user's own claimed tasks and everything for supervisors; sorted by due date, then age; the cards show
   * the case's reference, kind, ward and size. Authorizations keep each ward to its own tasks.
   */
  private void createFilters() {
    Map<String, List<String>> existing = filterService.createFilterQuery().list().stream()
        .collect(Collectors.groupingBy(Filter::getName, Collectors.mapping(Filter::getId, Collectors.toList())));
    String[] wardRoles = Arrays.stream(Role.values()).map(Role::groupId).toArray(String[]::new);
    saveFilter(existing, CSKV_QUEUE, -10, roleQueue(Role.CSKV), Role.CSKV.groupId());
    saveFilter(existing, OFFICIALS_QUEUE, -10, roleQueue(Role.OFFICIAL), Role.OFFICIAL.groupId());
    saveFilter(existing, POLICE_QUEUE, -10, roleQueue(Role.POLICE), Role.POLICE.groupId());
    saveFilter(existing, OVERDUE, -5, byDueDate(taskService.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().active()
        .dueBeforeExpression("${now()}")), wardRoles);
    saveFilter(existing, MINE, 0, byDueDate(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")
        .active()), wardRoles);
    saveFilter(existing, OVERDUE_CITY, 5, byDueDate(taskService.createTaskQuery().active()
        .dueBeforeExpression("${now()}")), Role.SUPERVISORS);
    saveFilter(existing, ALL_OPEN, 10, byDueDate(taskService.createTaskQuery().active()), Role.SUPERVISORS);
  }

  private TaskQuery roleQueue(Role role) {
    return byDueDate(taskService.createTaskQuery().taskCandidateGroupLike(role.groupId() + "-%")
        .includeAssignedTasks().active());
  }

  private static TaskQuery byDueDate(TaskQuery query) {
    return query.orderByDueDate().asc().orderByTaskCreateTime().asc();
  }

  private void saveFilter(Map<String, List<String>> existing, String name, int priority, TaskQuery query,
      String... readers) {
    Map<String, Object> properties = Map.of("priority", priority, "refresh", true,
        "description", "Tạo khi khởi động; mỗi người chỉ thấy việc của phường mình. Xếp theo hạn xử lý.",
        "variables", CARD_VARIABLES);
    Filter filter = existing.containsKey(name) ? filterService.getFilter(existing.get(name).get(0))
        : filterService.newTaskFilter(name).setOwner("admin");
    filter.setQuery(query);
    filter.setProperties(new java.util.HashMap<>(properties));
    String id = filterService.saveFilter(filter).getId();
    for (String reader : readers) {
      grant(reader, Resources.FILTER, id, Permissions.READ);
    }
  }

  /** What a task card shows besides the task's name: which case, of which kind, where, how large. */
  private static final List<Map<String, String>> CARD_VARIABLES = List.of(
      Map.of("name", "reference", "label", "Hồ sơ"), Map.of("name", "caseKind", "label", "Loại"),
      Map.of("name", "wardName", "label", "Phường/xã"), Map.of("name", "organizationName", "label", "Tổ chức"),
      Map.of("name", "applicantCount", "label", "Số người"), Map.of("name", "householdCount", "label", "Số hộ"));

  /** Sets a group's permissions on a resource to exactly these, taking away any other. */
  private void grantExactly(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization auth = existingGrant(groupId, resource, resourceId);
    if (auth == null) {
      grant(groupId, resource, resourceId, permissions);
      return;
    }
    auth.setPermissions(permissions);
    authorizationService.saveAuthorization(auth);
  }

  private Authorization existingGrant(String groupId, Resource resource, String resourceId) {
    return authorizationService.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
        .resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).list().stream().findFirst().orElse(null);
  }

  /** Grants (adds) permissions to a group, keeping what an administrator may have granted besides. */
  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization auth = existingGrant(groupId, resource, resourceId);
    if (auth == null) {
      auth = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      auth.setGroupId(groupId);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    } else if (List.of(permissions).stream().allMatch(auth::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      auth.addPermission(permission);
    }
    authorizationService.saveAuthorization(auth);
  }
}
