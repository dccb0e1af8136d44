package vn.giaydiduong.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates calls to the project's {@code /api}: HTTP Basic against Camunda's identity service, or a user
 * already logged in to the Camunda webapps (same session cookie). Checking endpoints are public. The user and
 * their groups are set on the engine for the request, so engine calls apply their authorizations. A wrong
 * password delays the account's next login (Camunda's {@code loginDelay*}); a locked account answers 401 too.
 */
@Component
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  /**
   * Endpoints a checkpoint uses without login: they show no more than the printed pass. The verification's HTTP
   * floor (verify.HttpFloorController) is public like the verification it is measured beside; 404 unless enabled.
   */
  static final List<String> PUBLIC_PATHS = List.of("/api/keys", "/api/passes/verify", "/api/revocations",
      "/api/checks/offline", "/api/passes/verify-floor");

  private final IdentityService identityService;
  private final RequestLogins logins;

  public ApiAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
    this.logins = new RequestLogins(identityService);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return PUBLIC_PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String userId = logins.basicAuthUser(request);
    if (userId == null) {
      userId = RequestLogins.webappSessionUser(request);
    }
    if (userId == null) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"giay-di-duong\", charset=\"UTF-8\"");
      response.setContentType("application/json;charset=UTF-8");
      // Same answer for a wrong password, an unknown user and a temporarily locked account: no hint to a guesser.
      response.getWriter().write(LoginThrottleFilter.isLoginAttempt(request)
          ? "{\"message\":\"Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đang tạm khóa sau nhiều lần đăng nhập "
              + "sai. Vui lòng thử lại sau ít phút.\"}"
          : "{\"message\":\"Cần đăng nhập (tài khoản Camunda của phường).\"}");
      return;
    }
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    identityService.setAuthentication(userId, groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
