package vn.giaydiduong.casework;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * The registry of the process variables that the models, forms and delegates share: each with its name and type
 * ({@link Variable}). A model or form that names a variable not declared here fails ModelVariablesTest.
 */
public final class ProcessVariables {

  /** The people to register as a JSON array (REST API), removed once stored. */
  public static final Variable<Object> RESIDENTS = Variable.of("residents", Object.class);
  /** The same people pasted as rows into the start form, removed once stored. */
  public static final Variable<String> RESIDENTS_TABLE = Variable.of("residentsTable", String.class);
  public static final Variable<Long> APPLICATION_ID = Variable.of("applicationId", Long.class);
  /** The registration's reference shown to people (also the business key), e.g. HS-000012. */
  public static final Variable<String> REFERENCE = Variable.of("reference", String.class);
  public static final Variable<String> WARD_CODE = Variable.of("wardCode", String.class);
  public static final Variable<String> WARD_NAME = Variable.of("wardName", String.class);
  /** The kind of case as officials name it (cá nhân, tổ chức, thẻ đi chợ), shown on the task cards. */
  public static final Variable<String> CASE_KIND = Variable.of("caseKind", String.class);
  public static final Variable<Integer> APPLICANT_COUNT = Variable.of("applicantCount", Integer.class);
  public static final Variable<ReviewOutcome> REVIEW_OUTCOME = Variable.of("reviewOutcome", ReviewOutcome.class);
  public static final Variable<String> REJECT_ALL_REASON = Variable.of("rejectAllReason", String.class);
  public static final Variable<String> REJECTIONS = Variable.of("rejections", String.class);
  public static final Variable<Integer> APPROVED_COUNT = Variable.of("approvedCount", Integer.class);
  public static final Variable<Integer> REJECTED_NOW = Variable.of("rejectedNow", Integer.class);
  public static final Variable<Integer> PASS_COUNT = Variable.of("passCount", Integer.class);
  public static final Variable<StampDecision> STAMP_DECISION = Variable.of("stampDecision", StampDecision.class);
  public static final Variable<String> RETURN_REASON = Variable.of("returnReason", String.class);
  /** Passes the ward police refuse to stamp, one per line "STT: lý do". */
  public static final Variable<String> REFUSALS = Variable.of("refusals", String.class);
  public static final Variable<String> STAMPED_BY = Variable.of("stampedBy", String.class);
  /** The stamp form of the called stamping model, named by its caller: passes or market cards. */
  public static final Variable<String> STAMP_FORM = Variable.of("stampForm", String.class);
  /** How the called stamping model ended, set by its last step and routed on by the caller. */
  public static final Variable<StampOutcome> STAMP_OUTCOME = Variable.of("stampOutcome", StampOutcome.class);
  public static final Variable<String> DELIVERED_TO = Variable.of("deliveredTo", String.class);
  /** Revocation of one pass: its number and the reason (revoke-pass). */
  public static final Variable<String> PASS_NUMBER = Variable.of("passNumber", String.class);
  public static final Variable<String> REVOCATION_REASON = Variable.of("revocationReason", String.class);
  /** Market cards: the households as a JSON array (REST API, spreadsheet upload), removed once stored. */
  public static final Variable<Object> HOUSEHOLDS = Variable.of("households", Object.class);
  /** Market cards: the same households pasted as rows into the start form, removed once stored. */
  public static final Variable<String> HOUSEHOLDS_TABLE = Variable.of("householdsTable", String.class);
  public static final Variable<Integer> HOUSEHOLD_COUNT = Variable.of("householdCount", Integer.class);
  /** Households the reviewer should look at twice (a valid card already exists, or a repeated address). */
  public static final Variable<Integer> FLAGGED_COUNT = Variable.of("flaggedCount", Integer.class);
  /** The CSKV confirms that each card went to its household's representative. */
  public static final Variable<Boolean> DELIVERED_TO_REPRESENTATIVES = Variable.of("deliveredToRepresentatives",
      Boolean.class);
  /** Market cards the CSKV could not hand over yet, one per line "số thẻ: lý do", and how many they were. */
  public static final Variable<String> UNDELIVERED_CARDS = Variable.of("undeliveredCards", String.class);
  public static final Variable<Integer> UNDELIVERED_COUNT = Variable.of("undeliveredCount", Integer.class);
  /** Organization passes: the stored mail or upload that brought the staff list (set by the message). */
  public static final Variable<Long> STAFF_LIST_SUBMISSION_ID = Variable.of("staffListSubmissionId", Long.class);
  /** Organization passes: ISO 8601 durations of the wait for the staff list, before the reminder and after it. */
  public static final Variable<String> LIST_REMINDER_AFTER = Variable.of("listReminderAfter", String.class);
  public static final Variable<String> LIST_CLOSE_AFTER = Variable.of("listCloseAfter", String.class);

  // The tables the forms show (Json), rendered by FormViews.
  public static final Variable<Object> APPLICANTS = Variable.of("applicants", Object.class);
  public static final Variable<Object> REJECTED = Variable.of("rejected", Object.class);
  public static final Variable<Object> PASSES = Variable.of("passes", Object.class);
  public static final Variable<Object> HOUSEHOLD_ROWS = Variable.of("householdRows", Object.class);
  public static final Variable<Object> REJECTED_HOUSEHOLDS = Variable.of("rejectedHouseholds", Object.class);
  public static final Variable<Object> CARDS = Variable.of("cards", Object.class);
  /** Organization passes: the files the organization sent, as markdown links composed (and escaped) by the system. */
  public static final Variable<String> DOCUMENTS = Variable.of("documentsMarkdown", String.class);

  // Organization passes: the registration's fields, entered by the CSKV and checked again by the ward official.
  public static final Variable<Object> ORGANIZATION_NAME = Variable.of("organizationName", Object.class);
  public static final Variable<Object> TAX_CODE = Variable.of("taxCode", Object.class);
  public static final Variable<Object> ORGANIZATION_ADDRESS = Variable.of("organizationAddress", Object.class);
  public static final Variable<Object> SECTOR = Variable.of("sector", Object.class);
  public static final Variable<Object> CONTACT_PERSON = Variable.of("contactPerson", Object.class);
  public static final Variable<Object> CONTACT_EMAIL = Variable.of("contactEmail", Object.class);
  public static final Variable<Object> CONTACT_PHONE = Variable.of("contactPhone", Object.class);
  public static final Variable<Object> STAFF_REQUESTED = Variable.of("staffRequested", Object.class);
  public static final Variable<Object> PURPOSE = Variable.of("purpose", Object.class);
  public static final Variable<Object> VALID_FROM = Variable.of("validFrom", Object.class);
  public static final Variable<Object> VALID_UNTIL = Variable.of("validUntil", Object.class);

  private ProcessVariables() {
  }

  /** Every declared name. */
  public static Set<String> names() {
    return Arrays.stream(ProcessVariables.class.getFields()).filter(f -> f.getType() == Variable.class)
        .map(f -> {
          try {
            return ((Variable<?>) f.get(null)).name();
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }).collect(Collectors.toUnmodifiableSet());
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
