package vn.giaydiduong.verify;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.giaydiduong.rules.RuleException;
import vn.giaydiduong.ward.WardController;

/**
 * A zone change refused by a broken zone-change table: the administrator reads which table to fix (the change was
 * rolled back), the log gets one line, not a stack trace. A fault of the deployed rules, hence 500.
 */
@RestControllerAdvice(assignableTypes = WardController.class)
class ZoneChangeErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ZoneChangeErrors.class);

  @ExceptionHandler(RuleException.class)
  ResponseEntity<Map<String, Object>> brokenRule(RuleException e) {
    LOG.warn("Zone change refused: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("message", e.getMessage()
        + " Vùng của phường chưa được đổi.", "problems", List.of()));
  }
}
