package vn.giaydiduong.engine;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A task completed or submitted after it was gone: another official completed it first (or it was withdrawn).
 * Answered 409 over REST ({@link UserErrorMapper}); nothing of the late submission is recorded.
 */
public class TaskGoneException extends BadUserRequestException {

  public TaskGoneException() {
    super("Công việc này không còn chờ xử lý: có thể người khác vừa hoàn thành. Hãy tải lại danh sách công việc; "
        + "không có gì được ghi nhận từ lần gửi này.");
  }
}
