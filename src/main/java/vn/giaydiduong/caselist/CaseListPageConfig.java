package vn.giaydiduong.caselist;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The case list page (static/ho-so) at {@code /ho-so/}, linked from Tasklist's header. The page holds no data: it
 * reads {@code /api/cases} with the Tasklist session, so a visitor who is not logged in sees only the link to log
 * in. It runs only its own files and talks only to the app; neither it nor the answers of {@code /api/cases} stay in
 * a shared office PC's browser cache.
 */
@Configuration
class CaseListPageConfig implements WebMvcConfigurer {

  static final String PATH = "/ho-so/";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/ho-so", PATH);
    registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
  }

  @Bean
  FilterRegistrationBean<Filter> caseListPageHeaders() {
    var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      http.setHeader("X-Content-Type-Options", "nosniff");
      http.setHeader("Referrer-Policy", "no-referrer");
      http.setHeader("Cache-Control", "no-store");
      chain.doFilter(request, response);
    });
    registration.addUrlPatterns(PATH + "*", "/api/cases", "/api/cases/*");
    return registration;
  }
}
