package vn.giaydiduong.stamping;

import static vn.giaydiduong.casework.ProcessVariables.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ReviewDecisions;
import vn.giaydiduong.casework.ReviewOutcome;
import vn.giaydiduong.casework.StampDecision;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;

/**
 * The ward police stamp the whole list, stamp all but some passes (each refused with a reason: the pass is voided
 * and its holder rejected and told), or return the list to the ward official; checked on the server because a
 * form grants nothing. Records who stamped, for the signature step.
 */
@Component("recordStampDecision")
public class RecordStampDecision implements JavaDelegate {

  static final String REFUSAL_PREFIX = "Công an phường không đóng dấu: ";

  private final Officials officials;
  private final PassRegistry registry;
  private final ApplicationStore applications;

  private final Cases cases;

  public RecordStampDecision(Cases cases, Officials officials, PassRegistry registry, ApplicationStore applications) {
    this.cases = cases;
    this.officials = officials;
    this.registry = registry;
    this.applications = applications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StampDecision decision = STAMP_DECISION.get(execution);
    if (decision == StampDecision.RETURN) {
      String reason = RETURN_REASON.get(execution);
      if (reason == null || reason.strip().length() < 5 || reason.length() > 500) {
        throw new InvalidInputException("Hãy ghi lý do trả lại danh sách cho cán bộ phường (5–500 ký tự).");
      }
    } else if (decision == StampDecision.STAMP_EXCEPT) {
      refuse(execution, cases.idOf(execution));
    } else if (decision != StampDecision.STAMP) {
      throw new InvalidInputException("Hãy chọn: đóng dấu tất cả, đóng dấu trừ một số giấy, hoặc trả lại cán bộ "
          + "phường.");
    }
    STAMPED_BY.set(execution, officials.currentUserId());
  }

  private void refuse(DelegateExecution execution, long applicationId) {
    // Rows as the stamp form shows them (STT = position in number order).
    List<Pass> awaiting = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    if (awaiting.stream().anyMatch(p -> p.applicantId() == null)) {
      throw new InvalidInputException("Thẻ đi chợ được đóng dấu cả danh sách hoặc trả lại cán bộ phường.");
    }
    Set<Integer> rows = IntStream.rangeClosed(1, awaiting.size()).boxed().collect(Collectors.toSet());
    Map<Integer, String> refused = ReviewDecisions.rejections(ReviewOutcome.PARTIAL, null,
        REFUSALS.get(execution), rows);
    if (refused.size() == awaiting.size()) {
      throw new InvalidInputException("Không đóng dấu giấy nào thì hãy chọn \"Trả lại cán bộ phường\" và ghi lý "
          + "do.");
    }
    String police = officials.currentUserId();
    refused.forEach((row, reason) -> {
      Pass pass = awaiting.get(row - 1);
      registry.voidPass(pass.passNumber(), REFUSAL_PREFIX + reason);
      applications.rejectAfterReview(pass.applicantId(), REFUSAL_PREFIX + reason, police);
    });
  }
}
