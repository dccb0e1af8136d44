package vn.giaydiduong.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing administrator into Spring Boot's "APPLICATION FAILED TO START" report: what, and what to do. */
public class AdminProvisioningFailureAnalyzer
    extends AbstractFailureAnalyzer<AdminProvisioningCheck.AdminNotProvisionedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure,
      AdminProvisioningCheck.AdminNotProvisionedException cause) {
    return new FailureAnalysis(
        "Chưa cấu hình quản trị viên Camunda: " + String.join(" ", cause.problems())
            + " Nếu thiếu, người đầu tiên mở Camunda Admin sẽ tự tạo được tài khoản quản trị.",
        "Đặt GIAYDIDUONG_ADMIN_USER và GIAYDIDUONG_ADMIN_PASSWORD (ít nhất "
            + AdminProvisioningCheck.MIN_PASSWORD_LENGTH + " ký tự) rồi khởi động lại.",
        cause);
  }
}
