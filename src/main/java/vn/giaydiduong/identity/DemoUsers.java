package vn.giaydiduong.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Demo users: one per role in each demo ward (e.g. {@code canbo.trucbach}), a supervisor of each demo ward's
 * district (e.g. {@code giamsat.badinh}), a city supervisor and an analyst, all with the demo password. Only with
 * {@code giaydiduong.demo.enabled}; the production profile has no users.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "giaydiduong.demo.enabled", havingValue = "true")
public class DemoUsers implements ApplicationRunner {

  public static final String SUPERVISOR = "giamsat";
  public static final String ANALYST = "phantich";

  private final IdentityService identityService;
  private final WardRegistry wards;
  private final DemoProperties demo;

  public DemoUsers(IdentityService identityService, WardRegistry wards, DemoProperties demo) {
    this.identityService = identityService;
    this.wards = wards;
    this.demo = demo;
  }

  /** Demo user id of a role in a ward: {@code cskv.trucbach}, {@code canbo.trucbach}, {@code congan.trucbach}. */
  public static String userId(Role role, Ward ward) {
    String prefix = switch (role) {
      case CSKV -> "cskv";
      case OFFICIAL -> "canbo";
      case POLICE -> "congan";
    };
    return prefix + "." + slug(ward.name().replaceFirst("^(Phường|Xã|Thị trấn) ", ""));
  }

  /** Demo user id of the supervisor of a ward's district: {@code giamsat.badinh} for Quận Ba Đình. */
  public static String districtSupervisorId(Ward ward) {
    return SUPERVISOR + "." + slug(ward.districtName().replaceFirst("^(Quận|Huyện|Thị xã) ", ""));
  }

  static String slug(String text) {
    String ascii = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
    return ascii.toLowerCase().replaceAll("[^a-z0-9]", "");
  }

  @Override
  public void run(ApplicationArguments args) {
    for (String code : demo.wards()) {
      Ward ward = wards.get(code);
      for (Role role : Role.values()) {
        // "Cán bộ phường Trúc Bạch", not "Cán bộ phường Phường Trúc Bạch".
        create(userId(role, ward), role.label(), ward.shortName(), List.of(role.groupId(), role.groupOf(code)));
      }
    }
    for (String code : demo.wards()) {
      Ward ward = wards.get(code);
      create(districtSupervisorId(ward), "Giám sát", ward.districtName(),
          List.of(Role.districtSupervisorsOf(ward.districtCode())));
    }
    create(SUPERVISOR, "Giám sát", "Thành phố", List.of(Role.SUPERVISORS));
    create(ANALYST, "Phân tích", "Nghiệp vụ", List.of(Role.ANALYSTS));
  }

  private void create(String id, String firstName, String lastName, List<String> groups) {
    if (identityService.createUserQuery().userId(id).count() > 0) {
      return;
    }
    User user = identityService.newUser(id);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(id + "@demo.giaydiduong.vn");
    user.setPassword(demo.password());
    identityService.saveUser(user);
    for (String group : new ArrayList<>(groups)) {
      identityService.createMembership(id, group);
    }
  }
}
