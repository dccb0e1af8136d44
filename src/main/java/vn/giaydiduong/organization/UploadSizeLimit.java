package vn.giaydiduong.organization;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The upload page takes a staff list with its documents, far more than the 2 MB the REST APIs allow, so it has
 * its own limit ({@code giaydiduong.organization.upload-max-bytes}, 20 MB, plus room for the form itself),
 * checked on the declared length before anything is read; the answer is a Vietnamese page, as the sender is a
 * browser. {@code spring.servlet.multipart} limits stand behind it.
 */
@Configuration
public class UploadSizeLimit {

  /** Multipart boundaries and headers around the files. */
  static final long FORM_OVERHEAD_BYTES = 256 * 1024;

  @Bean
  public FilterRegistrationBean<OncePerRequestFilter> uploadSizeLimitFilter(OrganizationProperties properties) {
    long max = properties.uploadMaxBytes() + FORM_OVERHEAD_BYTES;
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > max || chunked) {
          response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
          response.setContentType("text/html;charset=UTF-8");
          response.getWriter().write("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Tệp quá lớn"
              + "</title><p>Các tệp gửi lên quá lớn: tối đa " + properties.uploadMaxBytes() / 1024 / 1024
              + " MB cho cả danh sách và tài liệu mỗi lần gửi. Hãy nén ảnh chụp, gửi tài liệu dạng PDF nhỏ hơn, "
              + "hoặc gửi thành nhiều lần.</p><p><a href=\"javascript:history.back()\">Quay lại</a></p></html>");
          return;
        }
        chain.doFilter(request, response);
      }
    });
    registration.addUrlPatterns(StaffListUploadController.BASE + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
