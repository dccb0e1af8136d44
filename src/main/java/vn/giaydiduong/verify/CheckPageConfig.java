package vn.giaydiduong.verify;

import jakarta.servlet.Filter;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.giaydiduong.identity.StaticPages;

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
    StaticPages.serve(registry, "check");
  }

  @Bean
  public FilterRegistrationBean<Filter> checkPageHeaders() {
    return StaticPages.headers(CONTENT_SECURITY_POLICY,
        Map.of("Permissions-Policy", "camera=(self), geolocation=(), microphone=()"), "/check/*");
  }
}
