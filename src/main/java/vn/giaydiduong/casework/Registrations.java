package vn.giaydiduong.casework;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Opening a case, the same in every procedure: the registrar is the logged-in CSKV officer and the case is in
 * their ward (never a submitted variable); the case's id, reference (also the business key) and ward are written
 * once, here, in the transaction that starts the process.
 */
@Component
public class Registrations {

  /** Who registers, and the ward the case belongs to. */
  public record Registrar(String userId, Ward ward) {
  }

  private final Officials officials;
  private final WardRegistry wards;
  private final ApplicationStore applications;

  private final CaseEvents events;

  public Registrations(Officials officials, WardRegistry wards, ApplicationStore applications, CaseEvents events) {
    this.events = events;
    this.officials = officials;
    this.wards = wards;
    this.applications = applications;
  }

  public Registrar registrar() {
    String userId = officials.currentUserId();
    return new Registrar(userId, wards.get(officials.wardOf(userId, Role.CSKV)));
  }

  /** Opens the case of this process instance; its entries are stored by the caller in the same transaction. */
  public long open(DelegateExecution execution, PassKind kind, Registrar registrar) {
    Ward ward = registrar.ward();
    long id = applications.createApplication(kind, ward.code(), registrar.userId(),
        execution.getProcessInstanceId());
    String reference = ProcessVariables.reference(id);
    execution.setProcessBusinessKey(reference);
    ProcessVariables.REFERENCE.set(execution, reference);
    ProcessVariables.APPLICATION_ID.set(execution, id);
    ProcessVariables.WARD_CODE.set(execution, ward.code());
    ProcessVariables.WARD_NAME.set(execution, ward.name() + ", " + ward.districtName());
    ProcessVariables.CASE_KIND.set(execution, kind.label());
    WardReadGrants.grant(execution, ward.code());
    events.record("registered", applications.get(id), registrar.userId(), null);
    return id;
  }
}
