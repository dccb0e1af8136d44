package vn.giaydiduong.verify;

import static vn.giaydiduong.casework.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.CaseEvents;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.Pass;

/** Revokes one pass for the user who started revoke-pass; a refused request rolls the start back. */
@Component("revokePass")
public class RevokePass implements JavaDelegate {

  private final Revocations revocations;
  private final Officials officials;

  private final CaseEvents events;

  public RevokePass(Revocations revocations, Officials officials, CaseEvents events) {
    this.events = events;
    this.revocations = revocations;
    this.officials = officials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Pass pass = revocations.revoke(PASS_NUMBER.get(execution),
        REVOCATION_REASON.get(execution), officials.currentUserId());
    PASS_NUMBER.set(execution, pass.passNumber());
    WARD_CODE.set(execution, pass.wardCode());
    execution.setProcessBusinessKey(pass.passNumber());
    events.recordRevocation(pass.passNumber(), pass.wardCode(), officials.currentUserId());
  }
}
