package vn.giaydiduong.common;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input a user must correct; every message is Vietnamese and names the row and field. Thrown before anything
 * is stored, so the surrounding transaction (a process start, a task completion) rolls back whole. Being a
 * {@link BadUserRequestException}, Camunda's REST API and Tasklist show the message to the user.
 */
public class InvalidInputException extends BadUserRequestException {

  private final List<String> problems;

  public InvalidInputException(String problem) {
    this(List.of(problem));
  }

  public InvalidInputException(List<String> problems) {
    super(String.join(" ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
