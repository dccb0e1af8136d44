package vn.giaydiduong.identity;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;

/**
 * The app's own pages (the check page, the case list, the dashboard) are static files under {@code /name/} that
 * hold no data and read it from the API with the user's login. Each is served at its folder's address and confined
 * by the same headers: its own Content-Security-Policy, no MIME sniffing, no referrer, plus what the page adds.
 */
public final class StaticPages {

  private StaticPages() {
  }

  /** Serves {@code folder}'s index.html at {@code /folder/}, and redirects {@code /folder} there. */
  public static void serve(ViewControllerRegistry registry, String folder) {
    registry.addRedirectViewController("/" + folder, "/" + folder + "/");
    registry.addViewController("/" + folder + "/").setViewName("forward:/" + folder + "/index.html");
  }

  /** The headers of a page's answers, for {@code urlPatterns}; {@code more} are added (e.g. Cache-Control). */
  public static FilterRegistrationBean<Filter> headers(String contentSecurityPolicy, Map<String, String> more,
      String... urlPatterns) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Security-Policy", contentSecurityPolicy);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.putAll(more);
    var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      headers.forEach(http::setHeader);
      chain.doFilter(request, response);
    });
    registration.addUrlPatterns(urlPatterns);
    return registration;
  }
}
