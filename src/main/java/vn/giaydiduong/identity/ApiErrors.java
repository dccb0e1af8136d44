package vn.giaydiduong.identity;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.common.InvalidInputException;

/** Errors of the project's REST API as JSON with a Vietnamese message for the user. */
@RestControllerAdvice
public class ApiErrors {

  @ExceptionHandler(InvalidInputException.class)
  public ResponseEntity<Map<String, Object>> invalidInput(InvalidInputException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.getMessage(), "problems", e.problems()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  public ResponseEntity<Map<String, Object>> accessDenied(AccessDeniedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", e.getMessage(),
        "problems", List.of()));
  }
}
