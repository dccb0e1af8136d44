package vn.giaydiduong.testing;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.icegreen.greenmail.util.GreenMail;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;

/**
 * What the process tests share: acting as a demo official (as Tasklist would: claim, then complete with the
 * form's variables) and building registration lists. Demo users are {@code cskv.trucbach}, {@code canbo.trucbach},
 * {@code congan.trucbach} (ward 00004) and the same for Phúc Xá (00001).
 */
public abstract class ProcessTestSupport {

  public static final String TRUC_BACH = "00004";

  @Autowired protected ProcessEngine processEngine;
  @Autowired protected RuntimeService runtimeService;
  @Autowired protected TaskService taskService;
  @Autowired protected IdentityService identityService;
  @Autowired protected GreenMail greenMail;

  @BeforeEach
  void initAssertions() throws Exception {
    init(processEngine);
    greenMail.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void logOut() {
    identityService.clearAuthentication();
  }

  protected void actAs(String userId) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    identityService.setAuthentication(userId, groups);
  }

  protected ProcessInstance register(String cskvUser, List<Map<String, Object>> residents) {
    actAs(cskvUser);
    try {
      return runtimeService.startProcessInstanceByKey("individual-pass",
          Variables.createVariables().putValueTyped(ProcessVariables.RESIDENTS.name(),
              SpinValues.jsonValue(org.camunda.spin.Spin.JSON(residents).toString()).create()));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Registers as Tasklist's start form does: rows pasted from a spreadsheet. */
  protected ProcessInstance registerPasted(String cskvUser, String rows) {
    actAs(cskvUser);
    try {
      return runtimeService.startProcessInstanceByKey("individual-pass",
          Map.of(ProcessVariables.RESIDENTS_TABLE.name(), rows));
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** Claims and completes the instance's open task as {@code userId}, like Tasklist does. */
  protected void completeTask(ProcessInstance instance, String userId, Map<String, Object> variables) {
    Task task = openTask(instance);
    actAs(userId);
    try {
      taskService.claim(task.getId(), userId);
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The case's one open task, in its own instance or in one it called (the stamp task is in stamp-and-sign). */
  protected Task openTask(ProcessInstance instance) {
    return CaseTasks.of(processEngine, instance.getId()).singleResult();
  }

  /** The case's one due job, in its own instance or in one it called (signing and printing are in stamp-and-sign). */
  protected Job caseJob(ProcessInstance instance) {
    return processEngine.getManagementService().createJobQuery().rootProcessInstanceId(instance.getId())
        .singleResult();
  }

  protected static Map<String, Object> resident(String name, String dateOfBirth, String idNumber, String email) {
    LocalDate today = Dates.today();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("fullName", name);
    r.put("dateOfBirth", dateOfBirth);
    r.put("idNumber", idNumber);
    r.put("phone", "0912345678");
    if (email != null) {
      r.put("email", email);
    }
    r.put("address", "12 Phố Trúc Bạch, Phường Trúc Bạch, Quận Ba Đình");
    r.put("workplace", "Bệnh viện Saint Paul");
    r.put("destination", "Bệnh viện Saint Paul, 12 Chu Văn An");
    r.put("purpose", "Đi làm (nhân viên y tế)");
    r.put("validFrom", today.toString());
    r.put("validUntil", today.plusDays(14).toString());
    return r;
  }

  protected static List<Map<String, Object>> residents(int count) {
    List<Map<String, Object>> list = new ArrayList<>();
    String[] names = {"Nguyễn Thị Hằng", "Đặng Văn Ưng", "Trần Quốc Tuấn", "Lê Thị Ngọc Ánh", "Phạm Đức Mạnh"};
    for (int i = 0; i < count; i++) {
      // CCCD of Hanoi (001), a man born in the 1900s (0), in 1985: 001085 + serial.
      list.add(resident(names[i % names.length], "1985-03-0" + (1 + i % 9), "001085%06d".formatted(100 + i),
          "nguoidan" + i + "@example.vn"));
    }
    return list;
  }
}
