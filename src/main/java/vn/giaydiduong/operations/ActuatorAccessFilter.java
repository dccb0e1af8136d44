package vn.giaydiduong.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import vn.giaydiduong.identity.RequestLogins;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read {@code /actuator}: the three health paths are public (a container, a load balancer probe them)
 * and show details only to {@link #OPERATIONS_ROLE}; every other endpoint (prometheus, metrics, info) needs a
 * member of {@code giaydiduong.operations.actuator-groups}. Users log in as on {@code /api}: HTTP Basic against
 * Camunda's identity service, or the Camunda webapps' session (reads only, so a page elsewhere cannot use it).
 * Wrong credentials are 401 on every path, public ones too, so the per-address login throttle counts them.
 *
 * <p>The engine's authentication is deliberately not set: the metrics count the whole city, whoever asks.
 */
final class ActuatorAccessFilter extends OncePerRequestFilter {

  /** The role Spring Boot's health endpoint asks for ({@code management.endpoint.health.roles}). */
  static final String OPERATIONS_ROLE = "giaydiduong-operations";

  /** Exactly these paths; anything else under /actuator, also /actuator/health/db, needs a supervisor. */
  static final Set<String> PUBLIC_PATHS = Set.of("/actuator/health", "/actuator/health/liveness",
      "/actuator/health/readiness");

  private static final String NEED_LOGIN = "{\"message\":\"Cần đăng nhập bằng tài khoản giám sát hoặc quản trị "
      + "hệ thống.\"}";
  private static final String BAD_LOGIN = "{\"message\":\"Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đang "
      + "tạm khóa sau nhiều lần đăng nhập sai. Vui lòng thử lại sau ít phút.\"}";
  private static final String FORBIDDEN = "{\"message\":\"Chỉ người giám sát hoặc quản trị hệ thống được xem số "
      + "liệu vận hành.\"}";

  private final IdentityService identityService;
  private final RequestLogins logins;
  private final Set<String> allowedGroups;

  ActuatorAccessFilter(IdentityService identityService, List<String> allowedGroups) {
    this.identityService = identityService;
    this.logins = new RequestLogins(identityService);
    this.allowedGroups = Set.copyOf(allowedGroups);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean isPublic = PUBLIC_PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    String userId;
    if (RequestLogins.hasBasicCredentials(request)) {
      userId = logins.basicAuthUser(request);
      if (userId == null) {
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, BAD_LOGIN);
        return;
      }
    } else {
      userId = webappSessionUser(request);
    }
    if (userId == null) {
      if (isPublic) {
        chain.doFilter(request, response);
      } else {
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, NEED_LOGIN);
      }
      return;
    }
    boolean authorized = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).anyMatch(allowedGroups::contains);
    if (!authorized && !isPublic) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN);
      return;
    }
    chain.doFilter(new LoggedIn(request, userId, authorized), response);
  }

  private static void refuse(HttpServletResponse response, int status, String body) throws IOException {
    response.setStatus(status);
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"giay-di-duong\", charset=\"UTF-8\"");
    }
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write(body);
  }

  /** The webapp session counts for reads only: a session cookie alone must not change anything. */
  private static String webappSessionUser(HttpServletRequest request) {
    boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    return read ? RequestLogins.webappSessionUser(request) : null;
  }

  /** The request as Spring Boot's health endpoint reads it: a principal, and the role if authorized. */
  private static final class LoggedIn extends HttpServletRequestWrapper {

    private final Principal principal;
    private final boolean authorized;

    LoggedIn(HttpServletRequest request, String userId, boolean authorized) {
      super(request);
      this.principal = () -> userId;
      this.authorized = authorized;
    }

    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public String getRemoteUser() {
      return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
      return authorized && OPERATIONS_ROLE.equals(role);
    }
  }
}
