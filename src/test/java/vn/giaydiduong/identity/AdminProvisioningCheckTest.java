package vn.giaydiduong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Production refuses to start without its administrator; without one, the first visitor of Camunda Admin could
 * create it. Tested on a bare context: the check runs before any bean, so no database is needed.
 */
class AdminProvisioningCheckTest {

  final ApplicationContextRunner context = new ApplicationContextRunner()
      .withBean(AdminProvisioningCheck.class)
      .withPropertyValues("giaydiduong.admin.required=true");

  @Test
  void productionWithoutAdministratorDoesNotStart() {
    context.run(started -> {
      assertThat(started).hasFailed();
      Throwable failure = started.getStartupFailure();
      assertThat(failure).isInstanceOf(AdminProvisioningCheck.AdminNotProvisionedException.class)
          .hasMessageContaining("GIAYDIDUONG_ADMIN_USER").hasMessageContaining("GIAYDIDUONG_ADMIN_PASSWORD");
      FailureAnalysis analysis = new AdminProvisioningFailureAnalyzer().analyze(failure);
      assertThat(analysis.getDescription()).contains("Chưa cấu hình quản trị viên");
      assertThat(analysis.getAction()).contains("GIAYDIDUONG_ADMIN_PASSWORD");
    });
  }

  @Test
  void aMissingOrWeakPasswordIsRefused_theUserIdIsNeverThePassword() {
    // Camunda's starter would use the user id as password when none is set.
    context.withPropertyValues("camunda.bpm.admin-user.id=quantri")
        .run(started -> assertThat(started.getStartupFailure()).hasMessageContaining("GIAYDIDUONG_ADMIN_PASSWORD"));
    assertThat(AdminProvisioningCheck.problems("quantri", "ngan")).singleElement().asString()
        .contains("ít nhất 12 ký tự");
    assertThat(AdminProvisioningCheck.problems("quantri.phuong", "quantri.phuong")).singleElement().asString()
        .contains("trùng tên đăng nhập");
  }

  @Test
  void aConfiguredAdministratorStarts_andTheDemoNeedsNone() {
    context.withPropertyValues("camunda.bpm.admin-user.id=quantri",
        "camunda.bpm.admin-user.password=mot-mat-khau-dai")
        .run(started -> assertThat(started).hasNotFailed());
    new ApplicationContextRunner().withBean(AdminProvisioningCheck.class)
        .run(started -> assertThat(started).hasNotFailed());
  }
}
