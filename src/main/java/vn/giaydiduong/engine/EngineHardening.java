package vn.giaydiduong.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Engine settings that keep the trust boundary: the input gate on every command ({@link TaskInputGuard}), form
 * texts shown as text ({@link FormTextEscaper}), the case check on every completion and deadlines
 * ({@link BuiltInListeners}), expressions confined to the process beans ({@link ProcessBeans}), deployed models
 * without scripts or classes ({@link ModelRestrictions}); and failed-job incidents in Vietnamese
 * ({@link IncidentMessages}). See docs/security.md.
 */
@Component
public class EngineHardening extends AbstractProcessEnginePlugin {

  /** The bean that checks, on every user task's completion, that the user works in the case's ward. */
  static final String CASE_CHECK = "cases";
  /** The bean that gives every user task its due date and priority when it is created. */
  static final String DEADLINES = "taskDeadlines";
  /** The bean that records when a case's process ended. */
  static final String CASE_CLOSING = "caseClosing";

  private final ApplicationContext context;
  private final Set<String> scriptAllowedProcesses;

  public EngineHardening(ApplicationContext context,
      @Value("${giaydiduong.models.script-allowed-processes:}") Set<String> scriptAllowedProcesses) {
    this.context = context;
    this.scriptAllowedProcesses = scriptAllowedProcesses;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    interceptors.add(new TaskInputGuard());
    interceptors.add(new FormTextEscaper());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);

    // The Spring factory bean has already made an expression manager over the whole context: replace it.
    var processBeans = ProcessBeans.of(context);
    configuration.setBeans(processBeans);
    configuration.setExpressionManager(new SpringExpressionManager(context, processBeans));

    List<IncidentHandler> incidentHandlers = new ArrayList<>();
    if (configuration.getCustomIncidentHandlers() != null) {
      incidentHandlers.addAll(configuration.getCustomIncidentHandlers());
    }
    incidentHandlers.add(new IncidentMessages());
    configuration.setCustomIncidentHandlers(incidentHandlers);

    List<BpmnParseListener> parseListeners = new ArrayList<>();
    if (configuration.getCustomPreBPMNParseListeners() != null) {
      parseListeners.addAll(configuration.getCustomPreBPMNParseListeners());
    }
    parseListeners.add(new ModelRestrictions(scriptAllowedProcesses));
    parseListeners.add(new BuiltInListeners(context));
    configuration.setCustomPreBPMNParseListeners(parseListeners);
  }
}
