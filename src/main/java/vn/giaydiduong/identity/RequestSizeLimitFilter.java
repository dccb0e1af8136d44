package vn.giaydiduong.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over a limit before anything reads them: a 10 MB "name" must not reach the engine.
 * Bodies without a declared length (chunked) are refused too; every legitimate client sends a length.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;

  RequestSizeLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
    if (length > maxBytes || chunked) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"message\":\"Dữ liệu gửi lên quá lớn (tối đa " + maxBytes / 1024
          + " KB mỗi lần; chunked không được chấp nhận). Hãy chia danh sách thành nhiều lần gửi.\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
