package vn.giaydiduong.engine;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The variables a user may submit at a start event or a user task: the keys of the element's Camunda Form, plus
 * the names an element declares for REST callers in a {@code camunda:property name="apiInputs"} (comma-separated),
 * e.g. a list as JSON instead of the pasted table. Both declarations live in the deployed model and form, so a
 * new model version brings its own inputs; nothing here is a second, hand-kept list.
 */
final class DeclaredInputs {

  static final String API_INPUTS_PROPERTY = "apiInputs";

  /** Deployed definitions never change, so their inputs are cached by definition id and element id. */
  private final Map<String, Set<String>> cache = new ConcurrentHashMap<>();

  Set<String> ofTask(CommandContext ctx, TaskEntity task) {
    if (task.getProcessDefinitionId() == null) {
      return Set.of();
    }
    return cache.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
        k -> inputs(ctx, new GetDeployedTaskFormCmd(task.getId()), task.getProcessDefinitionId(),
            task.getTaskDefinitionKey()));
  }

  Set<String> ofStart(CommandContext ctx, ProcessDefinitionEntity definition) {
    String startEventId = definition.getInitial() == null ? null : definition.getInitial().getId();
    return cache.computeIfAbsent(definition.getId() + "#start",
        k -> inputs(ctx, new GetDeployedStartFormCmd(definition.getId()), definition.getId(), startEventId));
  }

  private static Set<String> inputs(CommandContext ctx, Command<InputStream> formCommand, String definitionId,
      String elementId) {
    Set<String> names = new LinkedHashSet<>(DeployedForm.read(ctx, formCommand).inputs());
    names.addAll(apiInputs(ctx, definitionId, elementId));
    return Set.copyOf(names);
  }

  private static Set<String> apiInputs(CommandContext ctx, String definitionId, String elementId) {
    if (elementId == null) {
      return Set.of();
    }
    BpmnModelInstance model = ctx.getProcessEngineConfiguration().getDeploymentCache()
        .findBpmnModelInstanceForProcessDefinition(definitionId);
    BaseElement element = model == null ? null : model.getModelElementById(elementId);
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        if (API_INPUTS_PROPERTY.equals(property.getCamundaName()) && property.getCamundaValue() != null) {
          Arrays.stream(property.getCamundaValue().split(",")).map(String::strip).filter(s -> !s.isEmpty())
              .forEach(names::add);
        }
      }
    }
    return names;
  }
}
