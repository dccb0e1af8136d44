package vn.giaydiduong.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Who a request to the app's own endpoints comes from: HTTP Basic checked against Camunda's identity service
 * (which applies its login delays), or a user already logged in to the Camunda webapps (same session cookie).
 */
public final class RequestLogins {

  private final IdentityService identityService;

  public RequestLogins(IdentityService identityService) {
    this.identityService = identityService;
  }

  public static boolean hasBasicCredentials(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /** The user of valid HTTP Basic credentials; null when there are none or they are wrong. */
  public String basicAuthUser(HttpServletRequest request) {
    if (!hasBasicCredentials(request)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(request.getHeader("Authorization").substring(6).trim()),
          StandardCharsets.UTF_8);
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

  /** The user logged in to the Camunda webapps in this request's session, or null. */
  public static String webappSessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    return authentications.getAuthentications().stream().findFirst().map(UserAuthentication::getIdentityId)
        .orElse(null);
  }
}
