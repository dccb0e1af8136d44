package vn.giaydiduong.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The production profile's login settings, read from application-postgres.yml (starting it needs PostgreSQL):
 * secure cookies behind the HTTPS proxy, the proxy's client address, and an administrator from the environment.
 * LoginThrottleTest shows the forwarded headers at work; the default profile keeps plain http for the demo.
 */
class ProductionProfileTest {

  @Test
  void productionCookiesAreSecureAndTheAdministratorComesFromTheEnvironment() throws Exception {
    StandardEnvironment production = load("application-postgres.yml");
    assertThat(production.getProperty("server.forward-headers-strategy")).isEqualTo("native");
    assertThat(production.getProperty("server.servlet.session.cookie.secure", Boolean.class)).isTrue();
    assertThat(production.getProperty("camunda.bpm.webapp.session-cookie.enable-secure-cookie", Boolean.class))
        .isTrue();
    assertThat(production.getProperty("giaydiduong.admin.required", Boolean.class)).isTrue();
    assertThat(production.getProperty("camunda.bpm.admin-user.id")).isEmpty();
    assertThat(production.getProperty("camunda.bpm.admin-user.password")).isEmpty();
    production.getSystemProperties().put("GIAYDIDUONG_ADMIN_USER", "quantri");
    assertThat(production.getProperty("camunda.bpm.admin-user.id")).isEqualTo("quantri");
  }

  @Test
  void theDefaultProfileKeepsPlainHttpForTheDemo() throws Exception {
    StandardEnvironment defaults = load("application.yml");
    assertThat(defaults.getProperty("server.servlet.session.cookie.secure")).isNull();
    assertThat(defaults.getProperty("camunda.bpm.webapp.session-cookie.enable-secure-cookie")).isNull();
    assertThat(defaults.getProperty("giaydiduong.admin.required", Boolean.class)).isFalse();
  }

  private static StandardEnvironment load(String file) throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader().load(file, new ClassPathResource(file))
        .forEach(environment.getPropertySources()::addLast);
    return environment;
  }
}
