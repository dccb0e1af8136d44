package vn.giaydiduong.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.StringValue;

/**
 * A task's form variables, as Tasklist reads them to render a Camunda Form, carry every text variable that the
 * form's markdown shows ({@code {{returnReason}}}, {@code {{organizationName}}}, …) escaped: values written by
 * officials or organizations cannot put links, images or HTML into another official's form. The stored variables
 * keep the words as written. Variables named {@code …Markdown} are composed by the system, which escapes their
 * parts with {@link MarkdownText} itself; the form's own input fields are left alone.
 */
final class FormTextEscaper extends CommandInterceptor {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Placeholders per deployed form, keyed by definition id and task definition key. */
  private final Map<String, Set<String>> placeholders = new ConcurrentHashMap<>();

  @Override
  public <T> T execute(Command<T> command) {
    T result = next.execute(command);
    if (command instanceof GetTaskFormVariablesCmd get && result instanceof VariableMap variables) {
      CommandContext ctx = Context.getCommandContext();
      TaskEntity task = ctx.getTaskManager().findTaskById(get.resourceId);
      if (task != null && task.getProcessDefinitionId() != null) {
        Set<String> names = placeholders.computeIfAbsent(task.getProcessDefinitionId() + "#"
            + task.getTaskDefinitionKey(), k -> placeholders(ctx, task.getId()));
        for (String name : names) {
          if (variables.getValueTyped(name) instanceof StringValue text && text.getValue() != null) {
            variables.putValueTyped(name, Variables.stringValue(MarkdownText.escape(text.getValue())));
          }
        }
      }
    }
    return result;
  }

  private static Set<String> placeholders(CommandContext ctx, String taskId) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> inputs = new LinkedHashSet<>();
    ctx.runWithoutAuthorization(() -> {
      try (InputStream form = new GetDeployedTaskFormCmd(taskId).execute(ctx)) {
        collect(JSON.readTree(form).path("components"), names, inputs);
      } catch (ProcessEngineException noForm) {
        // Nothing to escape in a task without a form.
      } catch (IOException e) {
        throw new ProcessEngineException(e);
      }
      return null;
    });
    names.removeAll(inputs);
    names.removeIf(name -> name.endsWith("Markdown"));
    return Set.copyOf(names);
  }

  private static void collect(JsonNode components, Set<String> names, Set<String> inputs) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        inputs.add(component.get("key").asText());
      }
      if (component.hasNonNull("text")) {
        Matcher m = PLACEHOLDER.matcher(component.get("text").asText());
        while (m.find()) {
          names.add(m.group(1));
        }
      }
      if (component.has("components")) {
        collect(component.get("components"), names, inputs);
      }
    }
  }
}
