package vn.giaydiduong.rules;

/**
 * A decision table (DMN) answered nothing or something unusable: a fault of the deployed rules, not of the user's
 * input. The step fails with this message (shown in Cockpit and to the user) until an analyst fixes the table.
 */
public class RuleException extends IllegalStateException {

  public RuleException(String decisionKey, String problem) {
    super("Bảng quyết định \"" + decisionKey + "\" cần được sửa: " + problem + ".");
  }
}
