package vn.giaydiduong.engine;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationContext;

/**
 * The beans that expressions in deployed models may resolve: the process's delegates and listeners, and nothing
 * else (no services, stores, key stores or data sources). Camunda exposes every Spring bean to expressions
 * unless it is given such a map. Lazy, because the delegates depend on engine services that do not exist yet
 * when the engine is configured.
 */
final class ProcessBeans extends AbstractMap<Object, Object> {

  static final Set<Class<?>> PROCESS_BEAN_TYPES = Set.of(JavaDelegate.class, TaskListener.class,
      ExecutionListener.class);

  private final ApplicationContext context;

  ProcessBeans(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public boolean containsKey(Object name) {
    return name instanceof String bean && context.containsBean(bean) && isProcessBean(context.getType(bean));
  }

  @Override
  public Object get(Object name) {
    return containsKey(name) ? context.getBean((String) name) : null;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return Arrays.stream(context.getBeanDefinitionNames()).filter(this::containsKey)
        .collect(Collectors.toMap(name -> (Object) name, context::getBean)).entrySet();
  }

  private static boolean isProcessBean(Class<?> type) {
    return type != null && PROCESS_BEAN_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type));
  }

  static Map<Object, Object> of(ApplicationContext context) {
    return new ProcessBeans(context);
  }
}
