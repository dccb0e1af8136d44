package vn.giaydiduong.process;

import static vn.giaydiduong.process.ProcessVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.intake.InvalidInputException;

/**
 * The ward police either stamp the whole list or return it to the ward official with a reason; checked on the
 * server because a form grants nothing. Records who stamped, for the signature step.
 */
@Component("recordStampDecision")
public class RecordStampDecision implements JavaDelegate {

  public static final String STAMP = "STAMP";
  public static final String RETURN = "RETURN";

  private final Officials officials;

  public RecordStampDecision(Officials officials) {
    this.officials = officials;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object decision = execution.getVariable(STAMP_DECISION);
    if (RETURN.equals(decision)) {
      String reason = (String) execution.getVariable(RETURN_REASON);
      if (reason == null || reason.strip().length() < 5 || reason.length() > 500) {
        throw new InvalidInputException("Hãy ghi lý do trả lại danh sách cho cán bộ phường (5–500 ký tự).");
      }
    } else if (!STAMP.equals(decision)) {
      throw new InvalidInputException("Hãy chọn: đóng dấu danh sách, hoặc trả lại cán bộ phường.");
    }
    execution.setVariable(STAMPED_BY, officials.currentUserId());
  }
}
