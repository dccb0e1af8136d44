package vn.giaydiduong.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * What a deployed Camunda Form names, read inside a command: the variables it submits (its input keys; a group
 * with a {@code path} submits one variable by that name) and the variables its markdown texts show
 * ({@code {{name}}}). An element without a form names nothing.
 */
record DeployedForm(Set<String> inputs, Set<String> shownInTexts) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

  static DeployedForm read(CommandContext ctx, Command<InputStream> formCommand) {
    Set<String> inputs = new LinkedHashSet<>();
    Set<String> shown = new LinkedHashSet<>();
    // Reading the form is reading the model, not a case: it needs no permission of the user's own.
    ctx.runWithoutAuthorization(() -> {
      try (InputStream form = formCommand.execute(ctx)) {
        collect(JSON.readTree(form).path("components"), inputs, shown, true);
      } catch (ProcessEngineException noForm) {
        // An element without a form names nothing.
      } catch (IOException e) {
        throw new ProcessEngineException(e);
      }
      return null;
    });
    return new DeployedForm(Set.copyOf(inputs), Set.copyOf(shown));
  }

  private static void collect(JsonNode components, Set<String> inputs, Set<String> shown, boolean submits) {
    for (JsonNode component : components) {
      boolean keyed = component.hasNonNull("key") || component.hasNonNull("path");
      if (submits && component.hasNonNull("key")) {
        inputs.add(component.get("key").asText());
      } else if (submits && component.hasNonNull("path")) {
        inputs.add(component.get("path").asText().split("\\.")[0]);
      }
      Matcher placeholder = PLACEHOLDER.matcher(component.path("text").asText(""));
      while (placeholder.find()) {
        shown.add(placeholder.group(1));
      }
      if (component.has("components")) {
        // The fields inside a group with a path are submitted as that one variable, not by their own keys.
        collect(component.get("components"), inputs, shown, submits && !keyed);
      }
    }
  }
}
