package vn.giaydiduong.casework;

import java.util.Arrays;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * One process variable of the registry ({@link ProcessVariables}): its name and the type the code reads it as.
 * Reading converts what forms and the REST API send (a Long sent as Integer, an outcome sent as text); a value of
 * another kind reads as absent, so the step that needs it answers with its Vietnamese message instead of a
 * ClassCastException. Enums are stored by name: forms and gateway conditions compare text.
 */
public final class Variable<T> {

  private final String name;
  private final Class<T> type;

  private Variable(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  static <T> Variable<T> of(String name, Class<T> type) {
    return new Variable<>(name, type);
  }

  public String name() {
    return name;
  }

  public T get(VariableScope scope) {
    return convert(scope.getVariable(name));
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value instanceof Enum<?> e ? e.name() : value);
  }

  /** For values whose serialization matters, e.g. the Json tables the forms show. */
  public void setTyped(VariableScope scope, TypedValue value) {
    scope.setVariable(name, value);
  }

  public void remove(VariableScope scope) {
    scope.removeVariable(name);
  }

  private T convert(Object value) {
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    if (type == Long.class && value instanceof Number n) {
      return type.cast(n.longValue());
    }
    if (type == Integer.class && value instanceof Number n) {
      return type.cast(n.intValue());
    }
    if (type == Boolean.class && value instanceof String s) {
      return type.cast(Boolean.parseBoolean(s));
    }
    if (type.isEnum() && value instanceof String s) {
      return Arrays.stream(type.getEnumConstants()).filter(c -> ((Enum<?>) c).name().equals(s)).findFirst()
          .orElse(null);
    }
    if (type == String.class && (value instanceof Number || value instanceof Boolean)) {
      return type.cast(value.toString());
    }
    return null;
  }

  @Override
  public String toString() {
    return name;
  }
}
