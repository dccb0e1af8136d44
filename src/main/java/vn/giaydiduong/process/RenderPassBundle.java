package vn.giaydiduong.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.pass.PassDocuments;

/** Renders the stamped passes of a list into the print bundle the CSKV prints and hands out. */
@Component("renderPassBundle")
public class RenderPassBundle implements JavaDelegate {

  private final PassDocuments documents;

  public RenderPassBundle(PassDocuments documents) {
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    documents.renderBundle((Long) execution.getVariable(ProcessVariables.APPLICATION_ID));
  }
}
