package vn.giaydiduong.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles failed logins per client address on every login surface: the Camunda webapps' login
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) and HTTP Basic on {@code /engine-rest},
 * {@code /api} and {@code /dev}. A login failed when its answer is 401. Once an address has
 * {@code maxFailuresPerAddress} failures within the window, its further login attempts get 429 with
 * {@code Retry-After} until the window ends; requests without credentials (sessions, public endpoints) pass.
 *
 * <p>This complements Camunda's per-account delay, which never locks for long: one stranger cannot guess
 * many passwords, nor keep many accounts locked, from one address.
 *
 * <p>The address is {@code request.getRemoteAddr()}. Behind a reverse proxy that is the proxy, unless
 * {@code server.forward-headers-strategy=native} is set (application-postgres.yml): then Tomcat takes the client
 * from X-Forwarded-For, but only when the request comes from a trusted proxy
 * ({@code server.tomcat.remoteip.internal-proxies}, private ranges by default). Without that setting a client
 * cannot choose its address by sending the header. IPv6 clients are counted per /64, which one host usually has.
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private final int maxFailures;
  private final long windowNanos;
  private final Ticker ticker;
  private final Function<HttpServletRequest, String> addressResolver;
  private final Cache<String, Window> failures;

  /** Failures of one address in a window that ends at {@code endNanos} (ticker time). */
  private record Window(long endNanos, AtomicInteger count) {
  }

  public LoginThrottleFilter(LoginThrottleProperties properties) {
    this(properties, Ticker.systemTicker(), HttpServletRequest::getRemoteAddr);
  }

  LoginThrottleFilter(LoginThrottleProperties properties, Ticker ticker,
      Function<HttpServletRequest, String> addressResolver) {
    this.maxFailures = properties.maxFailuresPerAddress();
    this.windowNanos = properties.window().toNanos();
    this.ticker = ticker;
    this.addressResolver = addressResolver;
    this.failures = Caffeine.newBuilder()
        .maximumSize(properties.maxTrackedAddresses())
        .ticker(ticker)
        // Housekeeping in the calling thread: cheap, and deterministic under a test ticker.
        .executor(Runnable::run)
        .expireAfter(new Expiry<String, Window>() {
          @Override
          public long expireAfterCreate(String key, Window value, long currentTime) {
            return Math.max(0, value.endNanos() - currentTime);
          }

          @Override
          public long expireAfterUpdate(String key, Window value, long currentTime, long currentDuration) {
            return currentDuration;
          }

          @Override
          public long expireAfterRead(String key, Window value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isLoginAttempt(request)) {
      chain.doFilter(request, response);
      return;
    }
    String address = addressKey(addressResolver.apply(request));
    Window window = failures.getIfPresent(address);
    long now = ticker.read();
    if (window != null && window.count().get() >= maxFailures && window.endNanos() > now) {
      refuse(response, window.endNanos() - now);
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      Window counted = failures.get(address, a -> new Window(ticker.read() + windowNanos, new AtomicInteger()));
      if (counted.count().incrementAndGet() == maxFailures) {
        // No stack trace, no password: the address and the fact suffice to investigate.
        log.warn("Login attempts from {} refused for {} s after {} failures", address,
            Math.max(1, (counted.endNanos() - ticker.read()) / 1_000_000_000L), maxFailures);
      }
    }
  }

  /** Addresses currently tracked (for tests of the memory bound). */
  long trackedAddresses() {
    failures.cleanUp();
    return failures.estimatedSize();
  }

  /** Is this request a login: the webapps' login form, or credentials sent with an API call? */
  static boolean isLoginAttempt(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/camunda/api/admin/auth/user/")) {
      return "POST".equals(request.getMethod()) && path.contains("/login/");
    }
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }

  private static void refuse(HttpServletResponse response, long remainingNanos) throws IOException {
    long seconds = Math.max(1, (remainingNanos + 999_999_999L) / 1_000_000_000L);
    long minutes = (seconds + 59) / 60;
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"message\":\"Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau "
        + minutes + " phút.\"}");
  }

  /** The client's key: the IPv4 address, or the /64 prefix of an IPv6 address. */
  static String addressKey(String address) {
    if (address == null || address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
      return String.valueOf(address);
    }
    try {
      // A literal (checked above): no name lookup happens.
      byte[] bytes = InetAddress.getByName(address).getAddress();
      return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
