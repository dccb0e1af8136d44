package vn.giaydiduong.engine;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import vn.giaydiduong.common.InvalidInputException;

/**
 * Camunda's REST resources wrap every engine failure of a start or a completion as HTTP 500 with an English
 * prefix and internal ids ("Cannot instantiate process definition individual-pass:1:…: …") and log its stack
 * trace. A user's own mistake is answered here as 400 with the Vietnamese message alone, a refusal to act on
 * another ward's case as 403, and a task that someone else completed first as 409; everything else goes on to
 * Camunda's own handler. Outranks it by priority, in the REST API and in the webapps' engine API alike (see
 * {@link UserErrorsFeature}).
 */
@Priority(Priorities.USER - 100)
public class UserErrorMapper implements ExceptionMapper<RestException> {

  /** Engine failures that reach JAX-RS unwrapped, e.g. a deployment refused by {@link ModelRestrictions}. */
  @Priority(Priorities.USER - 100)
  public static class Unwrapped implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      Response user = userError(exception);
      return user != null ? user : camunda.toResponse(exception);
    }
  }

  static final String CONCURRENT_CHANGE = "Công việc này vừa được người khác xử lý hoặc hồ sơ vừa thay đổi. Hãy tải "
      + "lại danh sách công việc; không có gì được ghi nhận từ lần gửi này.";

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    Response user = userError(exception);
    return user != null ? user : camunda.toResponse(exception);
  }

  /** The answer to a user's own mistake found anywhere in the cause chain, or null for a real failure. */
  static Response userError(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof TaskGoneException gone) {
        return answer(Response.Status.CONFLICT, gone, gone.getMessage());
      }
      if (cause instanceof InvalidInputException input) {
        return answer(Response.Status.BAD_REQUEST, input, input.getMessage());
      }
      if (cause instanceof AuthorizationException denied) {
        // Also when a listener or delegate refused a user of another ward: the engine wraps that refusal.
        return answer(Response.Status.FORBIDDEN, denied, denied.getMessage());
      }
      if (cause instanceof OptimisticLockingException conflict) {
        return answer(Response.Status.CONFLICT, conflict, CONCURRENT_CHANGE);
      }
    }
    return null;
  }

  private static Response answer(Response.Status status, Throwable cause, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", cause.getClass().getSimpleName());
    body.put("message", message);
    if (cause instanceof InvalidInputException input) {
      body.put("problems", input.problems());
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body)
        .build();
  }
}
