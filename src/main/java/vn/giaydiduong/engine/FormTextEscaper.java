package vn.giaydiduong.engine;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    DeployedForm form = DeployedForm.read(ctx, new GetDeployedTaskFormCmd(taskId));
    Set<String> names = new LinkedHashSet<>(form.shownInTexts());
    names.removeAll(form.inputs());
    names.removeIf(name -> name.endsWith("Markdown"));
    return Set.copyOf(names);
  }
}
