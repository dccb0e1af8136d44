package vn.giaydiduong.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
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

  /** Endpoints a checkpoint uses without login: they show no more than the printed pass. */
  static final List<String> PUBLIC_PATHS = List.of("/api/keys", "/api/passes/verify", "/api/revocations",
      "/api/checks/offline");

  private final IdentityService identityService;

  public ApiAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return PUBLIC_PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String userId = basicAuthUser(request);
    if (userId == null) {
      userId = webappSessionUser(request);
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

  private String basicAuthUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String userId = decoded.substring(0, colon);
    return identityService.checkPassword(userId, decoded.substring(colon + 1)) ? userId : null;
  }

  private static String webappSessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    return authentications.getAuthentications().stream().findFirst().map(UserAuthentication::getIdentityId)
        .orElse(null);
  }
}
