package vn.giaydiduong.casework;

import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.value.JsonValue;

/** Names of the process variables the models, forms and delegates share. */
public final class ProcessVariables {

  /** The people to register as a JSON array (REST API), removed once stored. */
  public static final String RESIDENTS = "residents";
  /** The same people pasted as rows into the start form, removed once stored. */
  public static final String RESIDENTS_TABLE = "residentsTable";
  public static final String APPLICATION_ID = "applicationId";
  /** The registration's reference shown to people (also the business key), e.g. HS-000012. */
  public static final String REFERENCE = "reference";
  public static final String WARD_CODE = "wardCode";
  public static final String WARD_NAME = "wardName";
  public static final String APPLICANT_COUNT = "applicantCount";
  public static final String REVIEW_OUTCOME = "reviewOutcome";
  public static final String REJECT_ALL_REASON = "rejectAllReason";
  public static final String REJECTIONS = "rejections";
  public static final String APPROVED_COUNT = "approvedCount";
  public static final String REJECTED_NOW = "rejectedNow";
  public static final String PASS_COUNT = "passCount";
  public static final String STAMP_DECISION = "stampDecision";
  public static final String RETURN_REASON = "returnReason";
  /** Passes the ward police refuse to stamp, one per line "STT: lý do". */
  public static final String REFUSALS = "refusals";
  public static final String STAMPED_BY = "stampedBy";
  public static final String DELIVERED_TO = "deliveredTo";
  /** Revocation of one pass: its number and the reason (revoke-pass). */
  public static final String PASS_NUMBER = "passNumber";
  public static final String REVOCATION_REASON = "revocationReason";
  /** Market cards: the households as a JSON array (REST API, spreadsheet upload), removed once stored. */
  public static final String HOUSEHOLDS = "households";
  /** Market cards: the same households pasted as rows into the start form, removed once stored. */
  public static final String HOUSEHOLDS_TABLE = "householdsTable";
  public static final String HOUSEHOLD_COUNT = "householdCount";
  /** Households the reviewer should look at twice (a valid card already exists, or a repeated address). */
  public static final String FLAGGED_COUNT = "flaggedCount";
  /** The CSKV confirms that each card went to its household's representative. */
  public static final String DELIVERED_TO_REPRESENTATIVES = "deliveredToRepresentatives";
  /** Market cards the CSKV could not hand over yet, one per line "số thẻ: lý do", and how many they were. */
  public static final String UNDELIVERED_CARDS = "undeliveredCards";
  public static final String UNDELIVERED_COUNT = "undeliveredCount";
  /** Organization passes: the stored mail or upload that brought the staff list (set by the message). */
  public static final String STAFF_LIST_SUBMISSION_ID = "staffListSubmissionId";
  /** Organization passes: ISO 8601 durations of the wait for the staff list, before the reminder and after it. */
  public static final String LIST_REMINDER_AFTER = "listReminderAfter";
  public static final String LIST_CLOSE_AFTER = "listCloseAfter";

  private ProcessVariables() {
  }

  /** The reference of a registration shown to people and used as business key, e.g. HS-000012. */
  public static String reference(long applicationId) {
    return "HS-%06d".formatted(applicationId);
  }

  /** JSON text of a list sent by a Camunda Form (Json variable), the REST API (Json or String) or Java. */
  public static String jsonText(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof SpinJsonNode node) {
      return node.toString();
    }
    if (value instanceof JsonValue json) {
      return json.getValueSerialized();
    }
    if (value instanceof String text) {
      return text;
    }
    return org.camunda.spin.Spin.JSON(value).toString();
  }
}
