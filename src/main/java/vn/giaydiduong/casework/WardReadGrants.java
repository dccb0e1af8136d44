package vn.giaydiduong.casework;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.Role;

/**
 * The ward's users may read a case's process instance: Tasklist shows a task card's variables (reference, kind,
 * ward, size) only to users who may read the instance's variables, and no Camunda grant can say "the instances of
 * my ward" other than one per instance. Given when a case opens and, as the start listener of a called model
 * (stamp-and-sign), to each instance it calls; the ward is the case's, from the registry. Other wards get nothing.
 */
@Component("wardReadGrants")
public class WardReadGrants implements ExecutionListener {

  private final Cases cases;

  public WardReadGrants(Cases cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateExecution execution) {
    grant(execution, cases.of(execution).wardCode());
  }

  static void grant(DelegateExecution execution, String wardCode) {
    AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
    for (Role role : Role.values()) {
      Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      read.setGroupId(role.groupOf(wardCode));
      read.setResource(Resources.PROCESS_INSTANCE);
      read.setResourceId(execution.getProcessInstanceId());
      read.addPermission(Permissions.READ);
      authorizations.saveAuthorization(read);
    }
  }
}
