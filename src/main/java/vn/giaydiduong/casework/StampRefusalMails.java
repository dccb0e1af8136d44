package vn.giaydiduong.casework;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The shared stamp model (stamp-and-sign) tells those whose pass the police refused to stamp the way their
 * procedure tells the rejected: the procedure's own {@link RejectionMail} for the case's kind in the registry, or
 * one mail per person ({@link EmailRejections}).
 */
@Component("emailStampRefusals")
public class StampRefusalMails implements JavaDelegate {

  private final Cases cases;
  private final EmailRejections perPerson;
  private final List<RejectionMail> byProcedure;

  public StampRefusalMails(Cases cases, EmailRejections perPerson, List<RejectionMail> byProcedure) {
    this.cases = cases;
    this.perPerson = perPerson;
    this.byProcedure = byProcedure;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    var kind = cases.of(execution).kind();
    JavaDelegate mail = byProcedure.stream().filter(m -> m.kind() == kind).findFirst()
        .map(JavaDelegate.class::cast).orElse(perPerson);
    mail.execute(execution);
  }
}
