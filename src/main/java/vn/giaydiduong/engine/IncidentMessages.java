package vn.giaydiduong.engine;

import java.util.Locale;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * Failed-job incidents that a supervisor understands in Cockpit: which step of the case failed, the likely cause
 * and what to do, in Vietnamese; the technical message follows for the administrator.
 */
final class IncidentMessages extends DefaultIncidentHandler {

  /** Camunda keeps 4,000 characters of an incident message. */
  private static final int MAX_LENGTH = 3_900;

  IncidentMessages() {
    super(Incident.FAILED_JOB_HANDLER_TYPE);
  }

  @Override
  public Incident handleIncident(IncidentContext context, String message) {
    return super.handleIncident(context, explain(stepName(context), message));
  }

  static String explain(String step, String technical) {
    String text = "Bước «" + step + "» không thực hiện được sau các lần hệ thống tự thử lại. " + cause(technical)
        + " Sửa nguyên nhân rồi bấm «Retry» (thử lại) của sự cố này trong Cockpit; không cần làm lại các bước "
        + "trước. Chi tiết kỹ thuật: " + (technical == null ? "(không có)" : technical);
    return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "…" : text;
  }

  private static String cause(String technical) {
    String t = technical == null ? "" : technical.toLowerCase(Locale.ROOT);
    if (t.contains("mail") || t.contains("smtp")) {
      return "Máy chủ thư không trả lời hoặc từ chối thư: kiểm tra máy chủ SMTP (GIAYDIDUONG_SMTP_HOST) và mạng.";
    }
    if (t.contains("pdf") || t.contains("fop") || t.contains("font")) {
      return "Không tạo được tệp PDF của giấy: kiểm tra mẫu in và phông chữ trong templates/.";
    }
    if (t.contains("key") || t.contains("khóa") || t.contains("sign")) {
      return "Không ký được bằng khóa của công an phường: quản trị viên kiểm tra khóa ký của phường.";
    }
    if (t.contains("sql") || t.contains("jdbc") || t.contains("database") || t.contains("connection")) {
      return "Cơ sở dữ liệu không trả lời: kiểm tra PostgreSQL.";
    }
    return "Nguyên nhân chưa được phân loại: xem chi tiết kỹ thuật dưới đây.";
  }

  private static String stepName(IncidentContext context) {
    String activityId = context.getFailedActivityId() != null ? context.getFailedActivityId()
        : context.getActivityId();
    ProcessDefinitionEntity definition = context.getProcessDefinitionId() == null ? null
        : Context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedProcessDefinitionById(context.getProcessDefinitionId());
    ActivityImpl activity = definition == null || activityId == null ? null : definition.findActivity(activityId);
    return activity != null && activity.getName() != null ? activity.getName() : String.valueOf(activityId);
  }
}
