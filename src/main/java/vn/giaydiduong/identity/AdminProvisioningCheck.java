package vn.giaydiduong.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when {@code giaydiduong.admin.required} (production) is set but the administrator is not
 * configured. Without an administrator Camunda Admin offers its setup page, and the first stranger to open it
 * becomes administrator; and Camunda's starter uses the user id as password when none is given.
 *
 * <p>A {@link BeanFactoryPostProcessor} runs before any bean is created, so the engine never starts (nor creates
 * a half-configured administrator) with a bad configuration. Camunda creates the configured user in
 * {@code camunda-admin} only when it does not exist yet: later password changes in Admin are kept.
 */
@Component
public class AdminProvisioningCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  static final int MIN_PASSWORD_LENGTH = 12;

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (!environment.getProperty("giaydiduong.admin.required", Boolean.class, false)) {
      return;
    }
    List<String> problems = problems(environment.getProperty("camunda.bpm.admin-user.id"),
        environment.getProperty("camunda.bpm.admin-user.password"));
    if (!problems.isEmpty()) {
      throw new AdminNotProvisionedException(problems);
    }
  }

  /** What is wrong with the configured administrator, in Vietnamese for the operator; empty when fine. */
  static List<String> problems(String userId, String password) {
    List<String> problems = new ArrayList<>();
    if (userId == null || userId.isBlank()) {
      problems.add("Chưa đặt biến môi trường GIAYDIDUONG_ADMIN_USER (tên đăng nhập của quản trị viên).");
    }
    if (password == null || password.isBlank()) {
      problems.add("Chưa đặt biến môi trường GIAYDIDUONG_ADMIN_PASSWORD (mật khẩu của quản trị viên).");
    } else if (password.length() < MIN_PASSWORD_LENGTH) {
      problems.add("Mật khẩu quản trị viên (GIAYDIDUONG_ADMIN_PASSWORD) phải có ít nhất " + MIN_PASSWORD_LENGTH
          + " ký tự.");
    } else if (password.equals(userId)) {
      problems.add("Mật khẩu quản trị viên không được trùng tên đăng nhập.");
    }
    return problems;
  }

  /** Reported by {@link AdminProvisioningFailureAnalyzer} as a plain message, without a stack trace. */
  public static class AdminNotProvisionedException extends IllegalStateException {

    private final List<String> problems;

    AdminNotProvisionedException(List<String> problems) {
      super("Không khởi động: chưa cấu hình quản trị viên. " + String.join(" ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
