package vn.giaydiduong.organization;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import vn.giaydiduong.identity.RequestSizeLimitFilter;

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
  public FilterRegistrationBean<RequestSizeLimitFilter> uploadSizeLimitFilter(OrganizationProperties properties) {
    var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(
        properties.uploadMaxBytes() + FORM_OVERHEAD_BYTES, "text/html;charset=UTF-8",
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Tệp quá lớn</title><p>Các tệp gửi lên "
            + "quá lớn: tối đa " + properties.uploadMaxBytes() / 1024 / 1024 + " MB cho cả danh sách và tài liệu "
            + "mỗi lần gửi. Hãy nén ảnh chụp, gửi tài liệu dạng PDF nhỏ hơn, hoặc gửi thành nhiều lần.</p>"
            + "<p><a href=\"javascript:history.back()\">Quay lại</a></p></html>"));
    registration.addUrlPatterns(StaffListUploadController.BASE + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
