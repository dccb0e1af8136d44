package vn.giaydiduong.operations;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Guards {@code /actuator} (see {@link ActuatorAccessFilter}); after the login throttle, like {@code /api}. */
@Configuration
public class OperationsConfiguration {

  @Bean
  public FilterRegistrationBean<Filter> actuatorAccessFilter(IdentityService identityService,
      OperationsProperties properties) {
    var registration = new FilterRegistrationBean<Filter>(
        new ActuatorAccessFilter(identityService, properties.actuatorGroups()));
    registration.setName("actuator-access");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
