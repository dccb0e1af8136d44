package vn.giaydiduong.verify;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public checking endpoints take one kind of body each; anything else is refused here, before Spring parses
 * it (a multipart or form body would otherwise be parsed, or fail, before any handler of ours runs). Answers are
 * JSON with a Vietnamese message, like the API's other errors, and nothing is logged.
 */
@Configuration
public class CheckingRequestLimits {

  static final String VERIFY_PATH = "/api/passes/verify";
  static final String OFFLINE_PATH = "/api/checks/offline";
  /** 500 entries are about 100 KB; the API's general limit (2 MB) is far more than a report needs. */
  static final long MAX_OFFLINE_BODY_BYTES = 256 * 1024;

  @Bean
  public FilterRegistrationBean<CheckingRequestFilter> checkingRequestFilter() {
    var registration = new FilterRegistrationBean<>(new CheckingRequestFilter());
    registration.addUrlPatterns(VERIFY_PATH, OFFLINE_PATH, HttpFloorController.PATH);
    // After the general size limit, before authentication and the dispatcher.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  static class CheckingRequestFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!"POST".equals(request.getMethod())) {
        chain.doFilter(request, response);
        return;
      }
      String path = request.getRequestURI().substring(request.getContextPath().length());
      MediaType type = mediaType(request.getContentType());
      if (VERIFY_PATH.equals(path) || HttpFloorController.PATH.equals(path)) {
        // No type at all is tolerated (a bare scanner client); a declared other type is not read as a QR text.
        if (request.getContentType() != null && (type == null || !MediaType.TEXT_PLAIN.equalsTypeAndSubtype(type))) {
          refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Gửi mã QR dưới dạng văn bản "
              + "(Content-Type: text/plain), đúng như đọc được từ mã.");
          return;
        }
      } else if (OFFLINE_PATH.equals(path)) {
        if (type == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
          refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Gửi danh sách lượt kiểm tra ngoại tuyến "
              + "dạng JSON (Content-Type: application/json).");
          return;
        }
        long length = request.getContentLengthLong();
        if (length > MAX_OFFLINE_BODY_BYTES || (length < 0 && request.getHeader("Transfer-Encoding") != null)) {
          refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Dữ liệu gửi lên quá lớn (tối đa "
              + MAX_OFFLINE_BODY_BYTES / 1024 + " KB, " + CheckingController.MAX_OFFLINE_BATCH + " lượt kiểm tra "
              + "mỗi lần; chunked không được chấp nhận).");
          return;
        }
      }
      chain.doFilter(request, response);
    }

    private static MediaType mediaType(String contentType) {
      if (contentType == null) {
        return null;
      }
      try {
        return MediaType.parseMediaType(contentType);
      } catch (InvalidMediaTypeException e) {
        return null;
      }
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
      response.setStatus(status);
      response.setContentType("application/json;charset=UTF-8");
      // The messages are constants without quotes or backslashes, so plain concatenation is valid JSON.
      response.getWriter().write("{\"message\":\"" + message + "\",\"problems\":[]}");
    }
  }
}
