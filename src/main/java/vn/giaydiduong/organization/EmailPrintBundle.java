package vn.giaydiduong.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.pass.PassDocuments;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/** Sends the organization its stamped passes: the print bundle attached, and a secret link to download it. */
@Component("emailPrintBundle")
public class EmailPrintBundle implements JavaDelegate {

  private final PassDocuments documents;
  private final PassRegistry registry;
  private final OrganizationMails mails;

  private final Cases cases;

  public EmailPrintBundle(Cases cases, PassDocuments documents, PassRegistry registry, OrganizationMails mails) {
    this.cases = cases;
    this.documents = documents;
    this.registry = registry;
    this.mails = mails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = cases.idOf(execution);
    byte[] pdf = documents.bundle(id).orElseThrow(() -> new IllegalStateException("No print bundle for " + id));
    mails.printBundle(id, pdf, registry.passes(id, PassStatus.DELIVERED).size());
  }
}
