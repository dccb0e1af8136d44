package vn.giaydiduong.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.identity.DemoUsers;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Tasks an official can tell apart and rank: each task gets its due date and priority from the analysts' table,
 * each role's queue holds that role's tasks only, late tasks show in the ward's and the city's "Quá hạn" filters,
 * and the cards show the case's reference, kind and ward. A deadline table an analyst deploys decides the next task.
 */
@SpringBootTest
@ActiveProfiles("test")
class TaskQueuesTest extends ProcessTestSupport {

  @Autowired FilterService filterService;
  @Autowired RepositoryService repositoryService;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void aReviewIsDueInADay_inTheOfficialsQueueOnly_andLateAfterIt() {
    Date registered = ClockUtil.getCurrentTime();
    ProcessInstance instance = register("cskv.trucbach", residents(1));
    Task review = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    assertThat(review.getDueDate()).isCloseTo(new Date(registered.getTime() + Duration.ofHours(24).toMillis()),
        Duration.ofMinutes(1).toMillis());
    assertThat(review.getPriority()).isEqualTo(60);
    assertThat(ids("canbo.trucbach", "Hồ sơ chờ xét duyệt – Cán bộ phường"))
        .contains(review.getId());
    assertThat(ids("canbo.phucxa", "Hồ sơ chờ xét duyệt – Cán bộ phường")).doesNotContain(review.getId());
    assertThat(ids("congan.trucbach", "Giấy chờ đóng dấu – Công an phường")).doesNotContain(review.getId());
    assertThat(ids("cskv.trucbach", "Việc của phường – CSKV")).doesNotContain(review.getId());
    assertThat(ids("canbo.trucbach", "Quá hạn – việc của phường")).doesNotContain(review.getId());

    ClockUtil.setCurrentTime(new Date(registered.getTime() + Duration.ofHours(25).toMillis()));
    assertThat(ids("canbo.trucbach", "Quá hạn – việc của phường")).contains(review.getId());
    assertThat(ids("canbo.phucxa", "Quá hạn – việc của phường")).doesNotContain(review.getId());
    assertThat(ids(DemoUsers.SUPERVISOR, "Quá hạn – toàn thành phố")).contains(review.getId());
  }

  @Test
  void aDeployedDeadlineTableDecidesTheNextTask() throws IOException {
    String shipped;
    try (InputStream in = getClass().getResourceAsStream("/processes/task-deadlines.dmn")) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String sixHours = shipped.replace("<outputEntry id=\"Rule_Review_Hours\"><text>24</text>",
        "<outputEntry id=\"Rule_Review_Hours\"><text>6</text>");
    assertThat(sixHours).isNotEqualTo(shipped);
    assertThat(dueInHours(register("cskv.trucbach", residents(1)))).isEqualTo(24);

    deployDeadlines(sixHours);
    try {
      assertThat(dueInHours(register("cskv.trucbach", residents(1)))).isEqualTo(6);
    } finally {
      deployDeadlines(shipped);
    }
    assertThat(dueInHours(register("cskv.trucbach", residents(1)))).isEqualTo(24);
  }

  private void deployDeadlines(String table) {
    repositoryService.createDeployment().name("task-deadlines").addString("task-deadlines.dmn", table).deploy();
  }

  /** Hours from now to the due date of the case's open task, rounded. */
  private long dueInHours(ProcessInstance instance) {
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    return Math.round((task.getDueDate().getTime() - ClockUtil.getCurrentTime().getTime()) / 3_600_000.0);
  }

  @Test
  void cardsShowTheCasesReferenceKindWardAndSize() {
    ProcessInstance instance = register("cskv.trucbach", residents(2));
    assertThat(runtimeService.getVariable(instance.getId(), ProcessVariables.CASE_KIND.name()))
        .isEqualTo("Cá nhân");
    Filter queue = filter("Hồ sơ chờ xét duyệt – Cán bộ phường");
    @SuppressWarnings("unchecked")
    List<Map<String, String>> variables = (List<Map<String, String>>) queue.getProperties().get("variables");
    assertThat(variables).extracting(v -> v.get("name"))
        .contains("reference", "caseKind", "wardName", "applicantCount", "householdCount", "organizationName");
  }

  private List<String> ids(String user, String filterName) {
    actAs(user);
    try {
      return filterService.<Task>list(filter(filterName).getId()).stream().map(Task::getId).toList();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Filter filter(String name) {
    return filterService.createFilterQuery().filterName(name).singleResult();
  }
}
