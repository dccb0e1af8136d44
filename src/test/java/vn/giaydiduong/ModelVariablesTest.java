package vn.giaydiduong;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.giaydiduong.casework.ProcessVariables;

/**
 * Every variable a model or a form names is declared in the registry ({@link ProcessVariables}): expressions in
 * the BPMN models (conditions, candidate groups, timers, form references), what a call activity passes in and
 * takes back, what an output mapping sets, and the forms' field keys, templated texts and table
 * sources. A typo or an undeclared variable fails here, not in a running case.
 */
class ModelVariablesTest {

  /** Beans a model calls ({@code ${signPasses}}) are not variables; JUEL's words and literals neither. */
  private static final Pattern DELEGATE = Pattern.compile("(?:delegateExpression|camunda:delegateExpression)="
      + "\"\\$\\{[^}]*}\"");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.'\"])([a-zA-Z_]\\w*)(?![\\w(])");
  private static final Set<String> JUEL_WORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge",
      "true", "false", "null", "empty", "div", "mod", "instanceof", "execution", "task");
  /** What a call activity passes in and takes back, and what a step's output mapping sets. */
  private static final Pattern MAPPING = Pattern.compile(
      "<camunda:(?:in|out)\\b[^>]*>|<camunda:outputParameter [^>]*>");
  private static final Pattern MAPPED = Pattern.compile("\\b(?:source|target|name)=\"(\\w+)\"");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]\\w*)");
  private static final Set<String> DECLARED = ProcessVariables.names();

  static Stream<Path> models() throws IOException {
    return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
  }

  static Stream<Path> forms() throws IOException {
    return Files.list(Path.of("forms")).filter(p -> p.toString().endsWith(".form")).sorted();
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyVariableAModelNamesIsDeclared(Path model) throws IOException {
    String xml = DELEGATE.matcher(Files.readString(model).replace("&gt;", ">").replace("&lt;", "<")
        .replace("&amp;", "&")).replaceAll("");
    Set<String> named = new TreeSet<>();
    Matcher expression = EXPRESSION.matcher(xml);
    while (expression.find()) {
      String withoutStrings = expression.group(1).replaceAll("'[^']*'|\"[^\"]*\"", "''");
      Matcher id = IDENTIFIER.matcher(withoutStrings);
      while (id.find()) {
        if (!JUEL_WORDS.contains(id.group(1))) {
          named.add(id.group(1));
        }
      }
    }
    Matcher mapping = MAPPING.matcher(xml);
    while (mapping.find()) {
      Matcher mapped = MAPPED.matcher(mapping.group());
      while (mapped.find()) {
        named.add(mapped.group(1));
      }
    }
    assertThat(DECLARED).as("declared in ProcessVariables, named in %s", model).containsAll(named);
  }

  @ParameterizedTest
  @MethodSource("forms")
  void everyVariableAFormNamesIsDeclared(Path form) throws IOException {
    Set<String> named = new TreeSet<>();
    collect(new ObjectMapper().readTree(form.toFile()).path("components"), named);
    assertThat(DECLARED).as("declared in ProcessVariables, named in %s", form).containsAll(named);
  }

  private static void collect(JsonNode components, Set<String> named) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        named.add(component.get("key").asText());
      }
      if (component.path("dataSource").asText("").startsWith("=")) {
        named.add(component.get("dataSource").asText().substring(1).strip());
      }
      Matcher placeholder = PLACEHOLDER.matcher(component.path("text").asText(""));
      while (placeholder.find()) {
        named.add(placeholder.group(1));
      }
      if (component.has("components")) {
        collect(component.get("components"), named);
      }
    }
  }
}
