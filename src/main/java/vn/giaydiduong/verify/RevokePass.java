package vn.giaydiduong.verify;

import static vn.giaydiduong.casework.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.Pass;

/** Revokes one pass for the user who started revoke-pass; a refused request rolls the start back. */
@Component("revokePass")
public class RevokePass implements JavaDelegate {

  private final Revocations revocations;
  private final Officials officials;

  public RevokePass(Revocations revocations, Officials officials) {
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
  }
}
