package vn.giaydiduong.identity;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * On a fresh demo database, registers a few residents in each demo ward (as that ward's CSKV), so the ward
 * officials find work in Tasklist at once, and takes one list of the first ward as far as delivery. The people are
 * invented; their ID numbers are well-formed only.
 */
@Component
@Order(3)
@ConditionalOnProperty(name = "giaydiduong.demo.sample-registrations", havingValue = "true")
public class DemoRegistrations implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoRegistrations.class);

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final WardRegistry wards;
  private final DemoProperties demo;

  public DemoRegistrations(RuntimeService runtimeService, IdentityService identityService,
      TaskService taskService, WardRegistry wards, DemoProperties demo) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.taskService = taskService;
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
      String street = ward.name().replaceFirst("^Phường ", "phố ");
      List<Map<String, String>> residents = List.of(
          resident("Nguyễn Thị Hằng", "1987-05-12", "001187%06d".formatted(++serial), "hang.nt@example.vn",
              "Số 5 " + street, "Bệnh viện Bạch Mai", "Đi làm (nhân viên y tế)", today),
          resident("Đặng Văn Ưng", "1979-11-02", "001079%06d".formatted(++serial), null,
              "Số 18 " + street, "Chợ đầu mối Long Biên", "Vận chuyển lương thực, thực phẩm", today),
          resident("Trần Thị Ngọc Ánh", "1992-01-30", "001192%06d".formatted(++serial), "anh.ttn@example.vn",
              "Số 27 " + street, "Siêu thị Winmart Thành Công", "Đi làm (bán hàng thiết yếu)", today));
      register(ward, residents);
    }
    // One list of the first demo ward goes through review and stamping, so that printable passes exist and the
    // checkpoint page (/check) has a key to verify with from the first minute.
    Ward first = wards.get(demo.wards().get(0));
    String street = first.name().replaceFirst("^Phường ", "phố ");
    String instanceId = register(first, List.of(
        resident("Lê Văn Bình", "1990-02-01", "001090%06d".formatted(++serial), "binh.lv@example.vn",
            "Số 3 " + street, "Nhà máy nước Yên Phụ", "Đi làm (cấp nước)", today),
        resident("Phạm Thị Thu", "1985-08-19", "001185%06d".formatted(++serial), null,
            "Số 9 " + street, "Bệnh viện Saint Paul", "Đi làm (nhân viên y tế)", today)));
    complete(instanceId, Role.OFFICIAL, first, Map.of("reviewOutcome", "APPROVE_ALL"));
    complete(instanceId, Role.POLICE, first, Map.of("stampDecision", "STAMP"));
    log.info("Demo: registered sample residents in wards {}; passes of {} stamped", demo.wards(), first.name());
  }

  private String register(Ward ward, List<Map<String, String>> residents) {
    actAs(Role.CSKV, ward);
    try {
      return runtimeService.startProcessInstanceByKey("individual-pass", Variables.createVariables()
          .putValueTyped("residents", SpinValues.jsonValue(Spin.JSON(residents).toString()).create())).getId();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Claims and completes the instance's open task as the ward's demo user of {@code role}, as Tasklist does. */
  private void complete(String instanceId, Role role, Ward ward, Map<String, Object> variables) {
    String userId = actAs(role, ward);
    try {
      // The stamp task is in the instance the case called (stamp-and-sign)
      String[] instances = runtimeService.createProcessInstanceQuery().rootProcessInstanceId(instanceId).list()
          .stream().map(ProcessInstance::getId).toArray(String[]::new);
      Task task = taskService.createTaskQuery().processInstanceIdIn(instances).singleResult();
      taskService.claim(task.getId(), userId);
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private String actAs(Role role, Ward ward) {
    String userId = DemoUsers.userId(role, ward);
    identityService.setAuthentication(userId, List.of(role.groupId(), role.groupOf(ward.code())));
    return userId;
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
