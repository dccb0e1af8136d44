package vn.giaydiduong;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conventions that make the models readable to people (see the developers' guide): file name = process id,
 * history time to live, names on every element and on every conditional flow, a full diagram, user tasks with
 * candidate groups and deployed Camunda Forms, service tasks as delegate expressions. A called model (started by
 * a call activity only) has no start form; its callers name each variable they pass in and take back, and a form
 * it takes from a variable ({@code ${stampForm}}) is one every caller names and deploys.
 */
class ModelConventionsTest {

  static Stream<Path> models() throws IOException {
    return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  @ParameterizedTest
  @MethodSource("models")
  void modelFollowsTheConventions(Path file) throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));
    assertThat(processes).hasSize(1);
    Process process = processes.get(0);
    assertThat(file.getFileName().toString()).isEqualTo(process.getId() + ".bpmn");
    assertThat(process.getCamundaHistoryTimeToLiveString()).as("historyTimeToLive").isNotBlank();
    assertThat(process.getName()).isNotBlank();

    Set<String> shapes = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
    Set<String> edges = new HashSet<>();
    model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.add(e.getBpmnElement().getId()));

    for (FlowElement element : process.getFlowElements()) {
      if (element instanceof FlowNode node) {
        assertThat(node.getName()).as("name of " + node.getId()).isNotBlank();
        assertThat(shapes).as("diagram shape of " + node.getId()).contains(node.getId());
      }
      if (element instanceof SequenceFlow flow) {
        assertThat(edges).as("diagram edge of " + flow.getId()).contains(flow.getId());
        if (flow.getSource() instanceof ExclusiveGateway && flow.getSource().getOutgoing().size() > 1) {
          assertThat(flow.getName()).as("condition name of " + flow.getId()).isNotBlank();
          assertThat(flow.getConditionExpression()).as("condition of " + flow.getId()).isNotNull();
        }
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaCandidateGroups()).as("candidate groups of " + task.getId()).isNotBlank();
      Matcher fromVariable = VARIABLE.matcher(task.getCamundaFormRef());
      if (fromVariable.matches()) {
        List<String> given = callsOf(process.getId()).map(call -> passedIn(call, fromVariable.group(1))).toList();
        assertThat(given).as("callers of %s that name the form of %s", process.getId(), task.getId()).isNotEmpty();
        for (String form : given) {
          assertFormDeployed(task.getId(), form, task.getCamundaFormRefBinding());
        }
      } else {
        assertFormDeployed(task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding());
      }
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (process.isCamundaStartableInTasklist()) {
        assertFormDeployed(start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding());
      } else {
        assertThat(start.getCamundaFormRef()).as("form of the called model's start").isNull();
        assertThat(callsOf(process.getId())).as("call activities calling " + process.getId()).isNotEmpty();
      }
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      assertThat(Path.of("processes", call.getCalledElement() + ".bpmn")).as("model called by " + call.getId())
          .exists();
      var mappings = call.getExtensionElements().getElementsQuery();
      assertThat(mappings.filterByType(CamundaIn.class).list()).as("variables passed in by " + call.getId())
          .isNotEmpty().allSatisfy(in -> assertThat(in.getCamundaVariables()).isNull());
      assertThat(mappings.filterByType(CamundaOut.class).list()).as("variables taken back by " + call.getId())
          .isNotEmpty().allSatisfy(out -> {
            assertThat(out.getCamundaVariables()).as("variables=\"all\"").isNull();
            assertThat(out.getCamundaSource()).isEqualTo(out.getCamundaTarget());
          });
    }
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      assertThat(task.getCamundaDelegateExpression()).as("delegate of " + task.getId()).matches("\\$\\{\\w+}");
    }
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  /** The call activities of every model that call {@code processId}. */
  private static Stream<CallActivity> callsOf(String processId) throws IOException {
    return models().map(m -> Bpmn.readModelFromFile(m.toFile()))
        .flatMap(m -> m.getModelElementsByType(CallActivity.class).stream())
        .filter(call -> processId.equals(call.getCalledElement()));
  }

  /** The constant a call activity passes in as {@code variable}. */
  private static String passedIn(CallActivity call, String variable) {
    return call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
        .filter(in -> variable.equals(in.getCamundaTarget()) && in.getCamundaSourceExpression() != null)
        .map(CamundaIn::getCamundaSourceExpression).findFirst()
        .orElseThrow(() -> new AssertionError(call.getId() + " does not pass " + variable));
  }

  private static void assertFormDeployed(String elementId, String formRef, String binding) throws IOException {
    assertThat(formRef).as("form of " + elementId).isNotBlank();
    assertThat(binding).as("form binding of " + elementId).isEqualTo("deployment");
    Path form = Path.of("forms", formRef + ".form");
    assertThat(form).as("form file of " + elementId).exists();
    JsonNode schema = new ObjectMapper().readTree(form.toFile());
    assertThat(schema.get("id").asText()).isEqualTo(formRef);
  }
}
