package vn.giaydiduong.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over a limit before anything reads them: a 10 MB "name" must not reach the engine.
 * Bodies without a declared length (chunked) are refused too; every legitimate client sends a length. The answer
 * (413) is in Vietnamese, as JSON for the APIs or as a page for browsers.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final String contentType;
  private final String answer;

  public RequestSizeLimitFilter(long maxBytes, String contentType, String answer) {
    this.maxBytes = maxBytes;
    this.contentType = contentType;
    this.answer = answer;
  }

  /** For the REST APIs: a JSON message, like their other errors. */
  static RequestSizeLimitFilter forApi(long maxBytes) {
    return new RequestSizeLimitFilter(maxBytes, "application/json;charset=UTF-8", "{\"message\":\"Dữ liệu gửi lên "
        + "quá lớn (tối đa " + maxBytes / 1024 + " KB mỗi lần; chunked không được chấp nhận). Hãy chia danh sách "
        + "thành nhiều lần gửi.\"}");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length > maxBytes || chunked) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType(contentType);
      response.getWriter().write(answer);
      return;
    }
    chain.doFilter(request, response);
  }
}
