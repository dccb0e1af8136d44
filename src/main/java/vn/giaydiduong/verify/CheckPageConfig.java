package vn.giaydiduong.verify;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The checkpoint page (static/check) at {@code /check}; its relative links need the trailing slash. The page runs
 * only its own files: the QR decoder's worker (a blob), the camera stream and the app's API, nothing else.
 */
@Configuration
public class CheckPageConfig implements WebMvcConfigurer {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data: blob:; media-src 'self' blob: mediastream:; worker-src 'self' blob:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/check", "/check/");
    registry.addViewController("/check/").setViewName("forward:/check/index.html");
  }

  @Bean
  public FilterRegistrationBean<Filter> checkPageHeaders() {
    var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      http.setHeader("X-Content-Type-Options", "nosniff");
      http.setHeader("Referrer-Policy", "no-referrer");
      http.setHeader("Permissions-Policy", "camera=(self), geolocation=(), microphone=()");
      chain.doFilter(request, response);
    });
    registration.addUrlPatterns("/check/*");
    return registration;
  }
}
