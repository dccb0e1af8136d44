package vn.giaydiduong.identity;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.giaydiduong.intake.Dates;

/**
 * On a fresh demo database, registers a few residents in each demo ward (as that ward's CSKV), so the ward
 * officials find work in Tasklist at once. The people are invented; their ID numbers are well-formed only.
 */
@Component
@Order(3)
@ConditionalOnProperty(name = "giaydiduong.demo.sample-registrations", havingValue = "true")
public class DemoRegistrations implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoRegistrations.class);

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final WardRegistry wards;
  private final DemoProperties demo;

  public DemoRegistrations(RuntimeService runtimeService, IdentityService identityService, WardRegistry wards,
      DemoProperties demo) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.wards = wards;
    this.demo = demo;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (runtimeService.createProcessInstanceQuery().processDefinitionKey("individual-pass").count() > 0) {
      return;
    }
    LocalDate today = Dates.today();
    int serial = 0;
    for (String code : demo.wards()) {
      Ward ward = wards.get(code);
      String cskv = DemoUsers.userId(Role.CSKV, ward);
      String street = ward.name().replaceFirst("^Phường ", "phố ");
      List<Map<String, String>> residents = List.of(
          resident("Nguyễn Thị Hằng", "1987-05-12", "001187%06d".formatted(++serial), "hang.nt@example.vn",
              "Số 5 " + street, "Bệnh viện Bạch Mai", "Đi làm (nhân viên y tế)", today),
          resident("Đặng Văn Ưng", "1979-11-02", "001079%06d".formatted(++serial), null,
              "Số 18 " + street, "Chợ đầu mối Long Biên", "Vận chuyển lương thực, thực phẩm", today),
          resident("Trần Thị Ngọc Ánh", "1992-01-30", "001192%06d".formatted(++serial), "anh.ttn@example.vn",
              "Số 27 " + street, "Siêu thị Winmart Thành Công", "Đi làm (bán hàng thiết yếu)", today));
      identityService.setAuthentication(cskv, List.of(Role.CSKV.groupId(), Role.CSKV.groupOf(code)));
      try {
        runtimeService.startProcessInstanceByKey("individual-pass", Variables.createVariables()
            .putValueTyped("residents", SpinValues.jsonValue(Spin.JSON(residents).toString()).create()));
      } finally {
        identityService.clearAuthentication();
      }
    }
    log.info("Demo: registered sample residents in wards {}", demo.wards());
  }

  private static Map<String, String> resident(String name, String dateOfBirth, String idNumber, String email,
      String address, String workplace, String purpose, LocalDate today) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("fullName", name);
    r.put("dateOfBirth", dateOfBirth);
    r.put("idNumber", idNumber);
    r.put("phone", "0912345678");
    if (email != null) {
      r.put("email", email);
    }
    r.put("address", address);
    r.put("workplace", workplace);
    r.put("destination", workplace);
    r.put("purpose", purpose);
    r.put("validFrom", today.toString());
    r.put("validUntil", today.plusDays(14).toString());
    return r;
  }
}
