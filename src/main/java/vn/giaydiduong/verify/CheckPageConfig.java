package vn.giaydiduong.verify;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The checkpoint page (static/check) at {@code /check}; its relative links need the trailing slash. */
@Configuration
public class CheckPageConfig implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/check", "/check/");
    registry.addViewController("/check/").setViewName("forward:/check/index.html");
  }
}
