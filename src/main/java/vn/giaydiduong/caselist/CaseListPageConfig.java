package vn.giaydiduong.caselist;

import jakarta.servlet.Filter;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.giaydiduong.identity.StaticPages;

/**
 * The case list page (static/ho-so) at {@code /ho-so/}, linked from Tasklist's header. The page holds no data: it
 * reads {@code /api/cases} with the Tasklist session, so a visitor who is not logged in sees only the link to log
 * in. It runs only its own files and talks only to the app; neither it nor the answers of {@code /api/cases} stay in
 * a shared office PC's browser cache.
 */
@Configuration
class CaseListPageConfig implements WebMvcConfigurer {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    StaticPages.serve(registry, "ho-so");
  }

  @Bean
  FilterRegistrationBean<Filter> caseListPageHeaders() {
    return StaticPages.headers(CONTENT_SECURITY_POLICY, Map.of("Cache-Control", "no-store"), "/ho-so/*",
        "/api/cases", "/api/cases/*");
  }
}
