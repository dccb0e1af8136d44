package vn.giaydiduong.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.intake.StaffListFiles;
import vn.giaydiduong.organization.OrganizationPassProcessTest;
import vn.giaydiduong.organization.StaffListIntake;
import vn.giaydiduong.organization.StaffListSubmissions;
import vn.giaydiduong.organization.StaffListSubmissions.IncomingFile;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * Version 1 of each procedure is the model as shipped before the shared stamp model ({@code src/test/resources/
 * processes-v1}: the stamping segment drawn in the procedure itself); version 2 is the shipped model, which calls
 * stamp-and-sign. Version 2 is deployed while version-1 cases wait at each of its user tasks (and an organization
 * case waits for its staff list): cases left alone finish on version 1; cases moved by the plan kept in
 * {@code docs/migrations/<key>.json} (what {@code tools/migrate-running-cases.sh} runs) keep their tasks and finish
 * on version 2. A case waiting in version 1's stamping segment cannot be moved into a called model: the plan's
 * query does not select it, the engine refuses it, and it finishes on version 1 with the delegates (and old bean
 * names) it was deployed with. The real delegates do every step.
 */
@SpringBootTest
@ActiveProfiles("test")
class RunningCasesMigrationTest extends ProcessTestSupport {

  private static final AtomicInteger SERIAL = new AtomicInteger(900_000);

  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired ApplicationStore applications;
  @Autowired StaffListIntake staffLists;
  private final List<String> deployments = new ArrayList<>();

  /** How the test answers each waiting point on the way (task variables, or the organization's staff list). */
  private interface Answer {
    void give(ProcessInstance instance);
  }

  @AfterEach
  void removeTheVersionsDeployedHere() {
    // The context and its database are shared with other test classes, which expect the shipped models only.
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  @Test
  void individualPass() throws IOException {
    Supplier<ProcessInstance> start = () -> register("cskv.trucbach", List.of(resident("Nguyễn Thị Hằng",
        "1985-03-01", "001085%06d".formatted(SERIAL.incrementAndGet()), null)));
    Map<String, Answer> approve = answers("Task_ReviewList", review("APPROVE_ALL"),
        "Task_StampPasses", task(ProcessVariables.STAMP_DECISION.name(), "STAMP"),
        "Task_DeliverPasses", task(ProcessVariables.DELIVERED_TO.name(), "Nguyễn Thị Hằng"));
    Map<String, Answer> reject = answers("Task_ReviewList", rejectAll(), "Task_InformRejected", task());
    proveBothWays("individual-pass", start, Map.of("Task_ReviewList", approve, "Task_StampPasses", approve,
        "Task_DeliverPasses", approve, "Task_InformRejected", reject), Set.of("Task_StampPasses"));
  }

  @Test
  void marketCard() throws IOException {
    Supplier<ProcessInstance> start = () -> {
      int serial = SERIAL.incrementAndGet();
      actAs("cskv.trucbach");
      try {
        return runtimeService.startProcessInstanceByKey("market-card", Map.of(
            ProcessVariables.HOUSEHOLDS_TABLE.name(), "Hoàng Văn Bốn; Người Đi Chợ Bốn; 001180%06d; ; Số %d phố Di Trú; 3"
                .formatted(serial, serial)));
      } finally {
        identityService.clearAuthentication();
      }
    };
    // Version 1 stamps cards in Task_StampMarketCards, version 2 in stamp-and-sign's Task_StampPasses.
    Map<String, Answer> approve = answers("Task_ReviewHouseholds", review("APPROVE_ALL"),
        "Task_StampMarketCards", task(ProcessVariables.STAMP_DECISION.name(), "STAMP"),
        "Task_StampPasses", task(ProcessVariables.STAMP_DECISION.name(), "STAMP"),
        "Task_DeliverMarketCards", task(ProcessVariables.DELIVERED_TO_REPRESENTATIVES.name(), true));
    Map<String, Answer> reject = answers("Task_ReviewHouseholds", rejectAll(),
        "Task_InformHouseholdsRejected", task());
    proveBothWays("market-card", start, Map.of("Task_ReviewHouseholds", approve, "Task_StampMarketCards", approve,
        "Task_DeliverMarketCards", approve, "Task_InformHouseholdsRejected", reject), Set.of("Task_StampMarketCards"));
  }

  @Test
  void organizationPass() throws IOException {
    Supplier<ProcessInstance> start = () -> {
      actAs("cskv.trucbach");
      try {
        return runtimeService.startProcessInstanceByKey("organization-pass",
            OrganizationPassProcessTest.registration(1));
      } finally {
        identityService.clearAuthentication();
      }
    };
    Answer staffList = instance -> {
      byte[] list = StaffListFiles.xlsx(StaffListFiles.people(1, SERIAL.incrementAndGet()));
      long applicationId = applications.findByProcessInstance(instance.getId()).orElseThrow().id();
      assertThat(staffLists.receiveUpload(applicationId, List.of(new IncomingFile("danh-sach.xlsx",
          "application/octet-stream", list.length, list))).status()).isEqualTo(StaffListSubmissions.Status.ACCEPTED);
    };
    Map<String, Answer> approve = answers("Task_EnterRegistration", task(), "Gateway_WaitForList", staffList,
        "Task_ReviewStaffList", review("APPROVE_ALL"),
        "Task_StampPasses", task(ProcessVariables.STAMP_DECISION.name(), "STAMP"),
        "Task_DeliverPasses", task(ProcessVariables.DELIVERED_TO.name(), "Bà Lê Thị Hoa, phòng nhân sự"));
    proveBothWays("organization-pass", start, Map.of("Task_EnterRegistration", approve,
        "Gateway_WaitForList", approve, "Task_ReviewStaffList", approve, "Task_StampPasses", approve,
        "Task_DeliverPasses", approve), Set.of("Task_StampPasses"));
  }

  /**
   * Deploys version 1, brings two of its cases to each waiting point (one where version 2 has none: {@code
   * stampingSegment}), deploys version 2, moves one case of each pair with the repository's plan and finishes all:
   * the others on version 1, the moved ones on version 2. Cases in the stamping segment are not selected by the
   * plan, refused by the engine when named, and finish on version 1.
   */
  private void proveBothWays(String key, Supplier<ProcessInstance> start, Map<String, Map<String, Answer>> paths,
      Set<String> stampingSegment) throws IOException {
    ProcessDefinition version1 = deploy(key, "/processes-v1/" + key + ".bpmn", "-v1", p -> { });
    Map<String, ProcessInstance> leftAlone = new LinkedHashMap<>();
    Map<String, ProcessInstance> moved = new LinkedHashMap<>();
    paths.forEach((waitingAt, answers) -> {
      leftAlone.put(waitingAt, drive(start.get(), answers, waitingAt));
      if (!stampingSegment.contains(waitingAt)) {
        moved.put(waitingAt, drive(start.get(), answers, waitingAt));
      }
    });
    leftAlone.values().forEach(i -> assertThat(definitionOf(i)).isEqualTo(version1.getId()));
    Map<String, String> tasksBefore = new HashMap<>();
    moved.values().forEach(i -> tasksBefore.put(i.getId(), openTaskId(i)));

    ProcessDefinition version2 = deploy(key, "/processes/" + key + ".bpmn", "-v2",
        p -> p.setName(p.getName() + " (bản 2)"));
    assertThat(version2.getVersion()).isGreaterThan(version1.getVersion());

    Plan plan = repositoryPlan(key, version1, version2);
    // The script would move every case the plan's query selects: all of ours but those in the stamping segment.
    List<String> stayOnVersion1 = stampingSegment.stream().map(w -> leftAlone.get(w).getId()).toList();
    List<String> ours = Stream.concat(leftAlone.values().stream(), moved.values().stream())
        .map(ProcessInstance::getId).toList();
    assertThat(plan.selected().stream().filter(ours::contains)).as("the cases the plan selects")
        .containsExactlyInAnyOrderElementsOf(ours.stream().filter(id -> !stayOnVersion1.contains(id)).toList());
    for (String waitingAt : stampingSegment) {
      assertThatThrownBy(() -> migrate(plan, List.of(leftAlone.get(waitingAt))))
          .as("a case at %s moved into a called model", waitingAt)
          .isInstanceOf(MigratingProcessInstanceValidationException.class).hasMessageContaining(waitingAt);
    }
    migrate(plan, moved.values());
    for (ProcessInstance instance : moved.values()) {
      assertThat(definitionOf(instance)).as(instance.getId()).isEqualTo(version2.getId());
      String task = openTaskId(instance);
      assertThat(task).as("the task is kept").isEqualTo(tasksBefore.get(instance.getId()));
      if (task != null) {
        assertThat(taskService.createTaskQuery().taskId(task).singleResult().getProcessDefinitionId())
            .isEqualTo(version2.getId());
      }
    }
    leftAlone.values().forEach(i -> assertThat(definitionOf(i)).isEqualTo(version1.getId()));

    paths.forEach((waitingAt, answers) -> {
      assertFinishedOn(drive(leftAlone.get(waitingAt), answers, null), version1, waitingAt);
      if (moved.containsKey(waitingAt)) {
        ProcessInstance finished = drive(moved.get(waitingAt), answers, null);
        assertFinishedOn(finished, version2, waitingAt);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(finished.getId())
            .activityId("Call_StampAndSign").count()).as("%s stamped in stamp-and-sign", waitingAt)
            .isEqualTo(passesStamping(waitingAt, answers) ? 1 : 0);
      }
    });
  }

  /** Whether a case waiting at {@code waitingAt} still has its passes to stamp (those rejected have none). */
  private static boolean passesStamping(String waitingAt, Map<String, Answer> answers) {
    return !answers.containsKey("Task_InformRejected") && !answers.containsKey("Task_InformHouseholdsRejected")
        && !waitingAt.startsWith("Task_Deliver");
  }

  /** Runs due jobs and gives the answers until the case waits at {@code waitingAt}, or ends when that is null. */
  private ProcessInstance drive(ProcessInstance instance, Map<String, Answer> answers, String waitingAt) {
    String id = instance.getId();
    for (int step = 0; step < 50; step++) {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() == 0) {
        assertThat(waitingAt).as("ended before reaching it").isNull();
        return instance;
      }
      // The case's own instance and the one it called (stamp-and-sign)
      List<String> active = runtimeService.createProcessInstanceQuery().rootProcessInstanceId(id).list().stream()
          .flatMap(i -> runtimeService.getActiveActivityIds(i.getId()).stream()).toList();
      if (waitingAt != null && active.contains(waitingAt) && dueJobs(id).isEmpty()) {
        return instance;
      }
      List<Job> jobs = dueJobs(id);
      if (!jobs.isEmpty()) {
        managementService.executeJob(jobs.get(0).getId());
        continue;
      }
      String at = active.stream().filter(answers::containsKey).findFirst()
          .orElseGet(() -> fail("No answer for a case waiting at " + active));
      answers.get(at).give(instance);
    }
    return fail("Case " + id + " did not get to " + waitingAt);
  }

  private List<Job> dueJobs(String processInstanceId) {
    return managementService.createJobQuery().rootProcessInstanceId(processInstanceId).executable().list();
  }

  /**
   * A version of the model at {@code resource} (version 2: the shipped one with a harmless change), deployed with
   * the forms its tasks bind to.
   */
  private ProcessDefinition deploy(String key, String resource, String suffix, Consumer<Process> change)
      throws IOException {
    BpmnModelInstance model;
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      model = Bpmn.readModelFromStream(in);
    }
    change.accept(model.getModelElementById(key));
    DeploymentBuilder deployment = repositoryService.createDeployment().name(key + suffix)
        .addModelInstance(key + ".bpmn", model);
    for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
      try (InputStream in = form.getInputStream()) {
        deployment.addString(form.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    String deploymentId = deployment.deploy().getId();
    deployments.add(deploymentId);
    return repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).processDefinitionKey(key)
        .singleResult();
  }

  /** The plan of docs/migrations/<key>.json and the cases its query selects, as the script runs them. */
  private record Plan(MigrationPlan plan, List<String> selected) {
  }

  /**
   * The plan of docs/migrations/<key>.json with the definition ids put in as the script does, built with the
   * engine's API, and its query run. The script moves every case the query selects; the test moves only its own.
   */
  private Plan repositoryPlan(String key, ProcessDefinition source, ProcessDefinition target) throws IOException {
    String text = Files.readString(Path.of("docs/migrations/" + key + ".json"))
        .replace("@SOURCE@", source.getId()).replace("@TARGET@", target.getId());
    JsonNode body = new ObjectMapper().readTree(text);
    JsonNode query = body.get("processInstanceQuery");
    assertThat(query.get("processDefinitionId").asText()).isEqualTo(source.getId());
    JsonNode migrationPlan = body.get("migrationPlan");
    MigrationPlanBuilder builder = runtimeService.createMigrationPlan(
        migrationPlan.get("sourceProcessDefinitionId").asText(), migrationPlan.get("targetProcessDefinitionId").asText());
    List<String> mapped = new ArrayList<>();
    for (JsonNode instruction : migrationPlan.get("instructions")) {
      mapped.add(instruction.at("/sourceActivityIds/0").asText());
      MigrationInstructionBuilder instructionBuilder = builder.mapActivities(
          instruction.at("/sourceActivityIds/0").asText(), instruction.at("/targetActivityIds/0").asText());
      builder = instruction.path("updateEventTrigger").asBoolean() ? instructionBuilder.updateEventTrigger()
          : instructionBuilder;
    }
    List<String> activities = new ArrayList<>();
    query.get("activityIdIn").forEach(a -> activities.add(a.asText()));
    assertThat(activities).as("the query selects the cases waiting where the plan maps").isEqualTo(mapped);
    List<String> selected = runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId())
        .activityIdIn(activities.toArray(String[]::new)).list().stream().map(ProcessInstance::getId).toList();
    return new Plan(builder.build(), selected);
  }

  private void migrate(Plan plan, Collection<ProcessInstance> instances) {
    runtimeService.newMigration(plan.plan()).processInstanceIds(instances.stream().map(ProcessInstance::getId)
        .toList()).execute();
  }

  private void assertFinishedOn(ProcessInstance instance, ProcessDefinition version, String waitedAt) {
    HistoricProcessInstance finished = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult();
    assertThat(finished.getState()).as(waitedAt).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(finished.getProcessDefinitionId()).as(waitedAt).isEqualTo(version.getId());
  }

  private String definitionOf(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getProcessDefinitionId();
  }

  private String openTaskId(ProcessInstance instance) {
    Task task = openTask(instance);
    return task == null ? null : task.getId();
  }

  private static Map<String, Answer> answers(Object... keysAndAnswers) {
    Map<String, Answer> answers = new HashMap<>();
    for (int i = 0; i < keysAndAnswers.length; i += 2) {
      answers.put((String) keysAndAnswers[i], (Answer) keysAndAnswers[i + 1]);
    }
    return answers;
  }

  private Answer review(String outcome) {
    return task(ProcessVariables.REVIEW_OUTCOME.name(), outcome);
  }

  private Answer rejectAll() {
    return task(ProcessVariables.REVIEW_OUTCOME.name(), "REJECT_ALL", ProcessVariables.REJECT_ALL_REASON.name(),
        "Danh sách lập sai khu vực");
  }

  /** Completes the open task as a user of its candidate group, like Tasklist. */
  private Answer task(Object... variables) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < variables.length; i += 2) {
      values.put((String) variables[i], variables[i + 1]);
    }
    return instance -> {
      Task task = openTask(instance);
      String group = taskService.getIdentityLinksForTask(task.getId()).stream()
          .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElseThrow();
      String role = group.substring(0, group.indexOf('-'));
      completeTask(instance, Map.of("officials", "canbo", "police", "congan", "cskv", "cskv").get(role)
          + ".trucbach", values);
    };
  }
}
