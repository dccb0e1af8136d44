package vn.giaydiduong.stamping;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.pass.PassDocuments;

/** Renders the stamped passes of a list into the print bundle the CSKV prints and hands out. */
@Component("renderPassBundle")
public class RenderPassBundle implements JavaDelegate {

  private final PassDocuments documents;

  private final Cases cases;

  public RenderPassBundle(Cases cases, PassDocuments documents) {
    this.cases = cases;
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    documents.renderBundle(cases.idOf(execution));
  }
}
