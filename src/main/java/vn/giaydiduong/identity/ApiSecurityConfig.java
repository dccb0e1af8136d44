package vn.giaydiduong.identity;

import jakarta.servlet.Filter;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Authentication of the two REST APIs: Camunda's {@code /engine-rest} (HTTP Basic against Camunda's identity
 * service, Camunda's own filter) and the project's {@code /api} (HTTP Basic or the session of the Camunda
 * webapps, so that links in Tasklist forms work). Both apply the user's Camunda authorizations. Failed logins
 * are throttled per client address ({@link LoginThrottleFilter}) and per account (Camunda's login delay).
 */
@Configuration
public class ApiSecurityConfig {

  @Bean
  public FilterRegistrationBean<Filter> requestSizeLimitFilter(
      @Value("${giaydiduong.max-request-bytes}") long maxBytes) {
    var registration = new FilterRegistrationBean<Filter>(RequestSizeLimitFilter.forApi(maxBytes));
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * Before every authentication: a flooding address is refused before its password is checked (and before
   * Camunda's per-account delay counts it).
   */
  @Bean
  public FilterRegistrationBean<Filter> loginThrottleFilter(LoginThrottleProperties properties) {
    var registration = new FilterRegistrationBean<Filter>(new LoginThrottleFilter(properties));
    registration.setName("login-throttle");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/dev/*", "/actuator/*", "/camunda/api/admin/auth/user/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<Filter> setupEndpointGuard() {
    var registration = new FilterRegistrationBean<Filter>(new SetupEndpointGuard());
    registration.setName("camunda-setup-guard");
    registration.addUrlPatterns("/camunda/api/admin/setup/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthenticationFilter() {
    var registration = new FilterRegistrationBean<Filter>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-basic-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<Filter> apiAuthenticationFilterRegistration(ApiAuthenticationFilter filter) {
    var registration = new FilterRegistrationBean<Filter>(filter);
    // /dev: the demo's mailbox lists secret upload links; DevMailController admits administrators only.
    registration.addUrlPatterns("/api/*", "/dev/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
