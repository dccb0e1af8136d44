package vn.giaydiduong.engine;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;

/**
 * The engine's one gate for what people submit, whichever way they come (REST, Tasklist, Java API): a task or a
 * start accepts only the inputs its form (and model) declares, so nobody steers a delegate at another case, ward
 * or key by an extra variable such as {@code applicationId}, {@code wardCode} or {@code initiator}. Every other
 * way of writing a running case's variables (execution variables, messages, signals, modifications, restarts)
 * is left to the system and the Camunda administrators.
 *
 * <p>It runs inside the command context, before the command, so a refusal changes nothing. Camunda keeps the
 * submitted variables in protected fields of its commands; they are read reflectively, and the fields are looked
 * up at class load so that an engine upgrade that renames them stops the application instead of opening the gate.
 */
final class TaskInputGuard extends CommandInterceptor {

  private static final Field COMPLETE_TASK_ID = field(CompleteTaskCmd.class, "taskId");
  private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
  private static final Field SUBMIT_TASK_ID = field(SubmitTaskFormCmd.class, "taskId");
  private static final Field SUBMIT_PROPERTIES = field(SubmitTaskFormCmd.class, "properties");
  private static final Field VARIABLE_ENTITY_ID = field(AbstractVariableCmd.class, "entityId");
  private static final Field SET_VARIABLES = field(AbstractSetVariableCmd.class, "variables");
  private static final Field REMOVE_NAMES = field(AbstractRemoveVariableCmd.class, "variableNames");
  private static final Field PATCH_ENTITY_ID = field(AbstractPatchVariablesCmd.class, "entityId");
  private static final Field PATCH_VARIABLES = field(AbstractPatchVariablesCmd.class, "variables");
  private static final Field PATCH_DELETIONS = field(AbstractPatchVariablesCmd.class, "deletions");
  private static final Field START_BUILDER = field(StartProcessInstanceCmd.class, "instantiationBuilder");
  private static final Field START_FORM_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId");
  private static final Field START_FORM_VARIABLES = field(SubmitStartFormCmd.class, "variables");

  /** Commands that write a running case's variables or move its tokens from outside any form. */
  private static final List<Class<?>> SYSTEM_ONLY = List.of(
      org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd.class,
      org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd.class,
      org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd.class,
      SetVariablesToProcessInstancesBatchCmd.class,
      CorrelateMessageCmd.class, CorrelateAllMessageCmd.class, MessageEventReceivedCmd.class,
      SignalCmd.class, SignalEventReceivedCmd.class,
      StartProcessInstanceAtActivitiesCmd.class,
      ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, ProcessInstanceModificationBatchCmd.class,
      AbstractProcessInstanceModificationCommand.class, AbstractRestartProcessInstanceCmd.class);

  private final DeclaredInputs declared = new DeclaredInputs();

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext ctx = Context.getCommandContext();
    if (ctx != null) {
      check(ctx, command);
    }
    try {
      return next.execute(command);
    } catch (AuthorizationException denied) {
      // A completion that lost the race finds the task's grants already deleted with the task: it was beaten,
      // not refused.
      String taskId = completedTaskId(command);
      if (ctx != null && taskId != null && ctx.getProcessEngineConfiguration().getCommandExecutorTxRequiresNew()
          .execute(fresh -> fresh.getTaskManager().findTaskById(taskId) == null)) {
        throw new TaskGoneException();
      }
      throw denied;
    }
  }

  private static String completedTaskId(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return (String) read(COMPLETE_TASK_ID, command);
    }
    return command instanceof SubmitTaskFormCmd ? (String) read(SUBMIT_TASK_ID, command) : null;
  }

  private void check(CommandContext ctx, Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      checkCompletion(ctx, (String) read(COMPLETE_TASK_ID, command), names(read(COMPLETE_VARIABLES, command)));
    } else if (command instanceof SubmitTaskFormCmd) {
      checkCompletion(ctx, (String) read(SUBMIT_TASK_ID, command), names(read(SUBMIT_PROPERTIES, command)));
    } else if (command instanceof SetTaskVariablesCmd) {
      checkTask(ctx, (String) read(VARIABLE_ENTITY_ID, command), names(read(SET_VARIABLES, command)));
    } else if (command instanceof RemoveTaskVariablesCmd) {
      checkTask(ctx, (String) read(VARIABLE_ENTITY_ID, command), names(read(REMOVE_NAMES, command)));
    } else if (command instanceof PatchTaskVariablesCmd) {
      Set<String> names = new TreeSet<>(names(read(PATCH_VARIABLES, command)));
      names.addAll(names(read(PATCH_DELETIONS, command)));
      checkTask(ctx, (String) read(PATCH_ENTITY_ID, command), names);
    } else if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) read(START_BUILDER, command);
      checkStart(ctx, definition(ctx, builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(),
          builder.getProcessDefinitionTenantId()), names(builder.getVariables()));
    } else if (command instanceof SubmitStartFormCmd) {
      checkStart(ctx, definition(ctx, (String) read(START_FORM_DEFINITION, command), null, null),
          names(read(START_FORM_VARIABLES, command)));
    } else if (SYSTEM_ONLY.stream().anyMatch(type -> type.isInstance(command)) && isUserOtherThanAdmin(ctx)) {
      throw new InvalidInputException("Không được sửa trực tiếp dữ liệu của hồ sơ: hãy làm qua biểu mẫu của "
          + "công việc. Việc này chỉ quản trị hệ thống làm được.");
    }
  }

  /**
   * A completion of a task that is gone was most likely beaten by another official's: say so, in Vietnamese. The
   * task row may still be read while its case has moved on (the winner committed meanwhile): completing it would
   * push the case's execution out of the next task, so that counts as gone too. The execution read here stays
   * cached for the command, so a winner committing later is caught by Camunda's optimistic lock (409 as well).
   */
  private void checkCompletion(CommandContext ctx, String taskId, Set<String> submitted) {
    if (taskId != null) {
      TaskEntity task = ctx.getTaskManager().findTaskById(taskId);
      ExecutionEntity execution = task == null ? null : task.getExecution();
      if (task == null || execution != null && !task.getTaskDefinitionKey().equals(execution.getActivityId())) {
        throw new TaskGoneException();
      }
    }
    checkTask(ctx, taskId, submitted);
  }

  private void checkTask(CommandContext ctx, String taskId, Set<String> submitted) {
    if (submitted.isEmpty() || taskId == null) {
      return;
    }
    TaskEntity task = ctx.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return; // the command itself reports the missing task
    }
    refuseUndeclared(submitted, declared.ofTask(ctx, task), "công việc \"" + task.getName() + "\"");
  }

  private void checkStart(CommandContext ctx, ProcessDefinitionEntity definition, Set<String> submitted) {
    if (submitted.isEmpty() || definition == null) {
      return;
    }
    refuseUndeclared(submitted, declared.ofStart(ctx, definition), "việc bắt đầu \"" + definition.getName()
        + "\"");
  }

  private static void refuseUndeclared(Set<String> submitted, Set<String> allowed, String what) {
    Set<String> undeclared = new TreeSet<>(submitted);
    undeclared.removeAll(allowed);
    if (!undeclared.isEmpty()) {
      throw new InvalidInputException("Biểu mẫu của " + what + " không có trường " + String.join(", ", undeclared)
          + ": chỉ gửi được các trường của biểu mẫu. Không có gì được ghi nhận.");
    }
  }

  private static ProcessDefinitionEntity definition(CommandContext ctx, String id, String key, String tenantId) {
    var cache = ctx.getProcessEngineConfiguration().getDeploymentCache();
    if (id != null) {
      return cache.findDeployedProcessDefinitionById(id);
    }
    return tenantId == null ? cache.findDeployedLatestProcessDefinitionByKey(key)
        : cache.findDeployedLatestProcessDefinitionByKeyAndTenantId(key, tenantId);
  }

  private static boolean isUserOtherThanAdmin(CommandContext ctx) {
    Authentication auth = ctx.getAuthentication();
    return auth != null && auth.getUserId() != null
        && (auth.getGroupIds() == null || !auth.getGroupIds().contains(Officials.ADMINS));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> names(Object variablesOrNames) {
    if (variablesOrNames instanceof Map<?, ?> map) {
      return new TreeSet<>((Set<String>) map.keySet());
    }
    if (variablesOrNames instanceof Collection<?> names) {
      return new TreeSet<>((Collection<String>) names);
    }
    return Set.of();
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Camunda " + type.getSimpleName() + " has no field " + name
          + ": re-check TaskInputGuard against this engine version", e);
    }
  }

  private static Object read(Field field, Object command) {
    try {
      return field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
