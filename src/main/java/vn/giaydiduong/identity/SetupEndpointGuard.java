package vn.giaydiduong.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses Camunda Admin's initial-setup endpoint ({@code /camunda/api/admin/setup/...}), which lets the first
 * visitor create an administrator. Camunda itself refuses it once a member of {@code camunda-admin} exists, and
 * every profile provisions one ({@code camunda.bpm.admin-user}, checked by {@link AdminProvisioningCheck}); this
 * guard keeps the door shut even if that administrator is later removed from the group.
 */
public class SetupEndpointGuard extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"message\":\"Trang thiết lập ban đầu đã bị tắt: quản trị viên được tạo từ cấu "
        + "hình khi khởi động (GIAYDIDUONG_ADMIN_USER, GIAYDIDUONG_ADMIN_PASSWORD).\"}");
  }
}
