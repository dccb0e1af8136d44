package vn.giaydiduong.supervision;

import jakarta.servlet.Filter;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.giaydiduong.identity.StaticPages;

/**
 * The dashboard page (static/supervision) at {@code /supervision/}: public files holding no figures, which it
 * reads from {@code /api/supervision} with the user's login. It runs only its own scripts (Chart.js is bundled,
 * no CDN) and talks only to the app.
 */
@Configuration
class SupervisionPageConfig implements WebMvcConfigurer {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    StaticPages.serve(registry, "supervision");
  }

  @Bean
  FilterRegistrationBean<Filter> supervisionPageHeaders() {
    return StaticPages.headers(CONTENT_SECURITY_POLICY, Map.of(), "/supervision/*");
  }
}
