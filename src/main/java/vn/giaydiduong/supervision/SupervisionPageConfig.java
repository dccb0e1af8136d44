package vn.giaydiduong.supervision;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

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
    registry.addRedirectViewController("/supervision", "/supervision/");
    registry.addViewController("/supervision/").setViewName("forward:/supervision/index.html");
  }

  @Bean
  FilterRegistrationBean<Filter> supervisionPageHeaders() {
    var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      http.setHeader("X-Content-Type-Options", "nosniff");
      http.setHeader("Referrer-Policy", "no-referrer");
      chain.doFilter(request, response);
    });
    registration.addUrlPatterns("/supervision/*");
    return registration;
  }
}
