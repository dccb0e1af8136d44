package vn.giaydiduong.casework;

import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.Dates;

/**
 * When a process ends (completed or cancelled), its case is closed: the day its personal data's retention starts.
 * Wired as a built-in end listener of every deployed process by the engine configuration (EngineHardening); a
 * process without a case (revoke-pass) changes nothing.
 */
@Component("caseClosing")
public class CaseClosing implements ExecutionListener {

  private final JdbcClient jdbc;

  public CaseClosing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateExecution execution) {
    jdbc.sql("update pass_application set closed_at = ? where process_instance_id = ? and closed_at is null")
        .params(OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), Dates.HANOI),
            execution.getProcessInstanceId())
        .update();
  }
}
