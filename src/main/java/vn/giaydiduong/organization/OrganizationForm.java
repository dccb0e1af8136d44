package vn.giaydiduong.organization;

import static vn.giaydiduong.casework.ProcessVariables.CONTACT_EMAIL;
import static vn.giaydiduong.casework.ProcessVariables.CONTACT_PERSON;
import static vn.giaydiduong.casework.ProcessVariables.CONTACT_PHONE;
import static vn.giaydiduong.casework.ProcessVariables.ORGANIZATION_ADDRESS;
import static vn.giaydiduong.casework.ProcessVariables.ORGANIZATION_NAME;
import static vn.giaydiduong.casework.ProcessVariables.PURPOSE;
import static vn.giaydiduong.casework.ProcessVariables.SECTOR;
import static vn.giaydiduong.casework.ProcessVariables.STAFF_REQUESTED;
import static vn.giaydiduong.casework.ProcessVariables.TAX_CODE;
import static vn.giaydiduong.casework.ProcessVariables.VALID_FROM;
import static vn.giaydiduong.casework.ProcessVariables.VALID_UNTIL;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.VariableScope;
import vn.giaydiduong.casework.Variable;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PhoneNumbers;
import vn.giaydiduong.intake.StaffListParser;

/**
 * The registration fields of the start form (CSKV) and the entry form (ward official), read from the process
 * variables and checked on the server: a form grants nothing. Every problem is named; nothing is stored until
 * all are fixed.
 */
public final class OrganizationForm {

  /** 10 digits (enterprise), or 13: the 10 of the parent and 3 of a branch, usually written 0101234567-001. */
  private static final Pattern TAX_CODE_FORMAT = Pattern.compile("(\\d{10})(?:-?(\\d{3}))?");
  private static final Pattern EMAIL_FORMAT = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PERSON_NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} .'-]*");

  private OrganizationForm() {
  }

  public static Organization read(VariableScope scope, LocalDate today, int maxValidityDays) {
    List<String> problems = new ArrayList<>();
    String name = text(scope, ORGANIZATION_NAME, "Tên tổ chức/doanh nghiệp", 200, problems);
    String taxCode = taxCode(text(scope, TAX_CODE, "Mã số thuế", 20, problems), problems);
    String address = text(scope, ORGANIZATION_ADDRESS, "Địa chỉ trụ sở", 300, problems);
    String sector = text(scope, SECTOR, "Ngành nghề", 200, problems);
    String contact = text(scope, CONTACT_PERSON, "Người liên hệ", 100, problems);
    if (contact != null && !PERSON_NAME.matcher(contact).matches()) {
      problems.add("Người liên hệ \"" + contact + "\" chỉ được gồm chữ cái và dấu cách.");
    }
    String email = text(scope, CONTACT_EMAIL, "Email liên hệ", 254, problems);
    if (email != null && !EMAIL_FORMAT.matcher(email).matches()) {
      problems.add("Email liên hệ \"" + email + "\" không hợp lệ: danh sách và giấy đi đường được gửi về địa chỉ này.");
    }
    String phone = text(scope, CONTACT_PHONE, "Số điện thoại liên hệ", 20, problems);
    if (phone != null) {
      phone = PhoneNumbers.normalize(phone);
      PhoneNumbers.problem(phone).ifPresent(p -> problems.add("Số điện thoại liên hệ " + p + "."));
    }
    Integer staff = staffRequested(STAFF_REQUESTED.get(scope), problems);
    String purpose = text(scope, PURPOSE, "Mục đích đi lại", 300, problems);
    LocalDate from = date(scope, VALID_FROM, "Từ ngày", problems);
    LocalDate until = date(scope, VALID_UNTIL, "Đến ngày", problems);
    if (from != null && from.isBefore(today)) {
      problems.add("Từ ngày " + Dates.format(from) + " đã qua.");
    }
    if (from != null && until != null) {
      if (until.isBefore(from)) {
        problems.add("Đến ngày " + Dates.format(until) + " trước Từ ngày " + Dates.format(from) + ".");
      } else if (until.isAfter(from.plusDays(maxValidityDays - 1))) {
        problems.add("Thời hạn đề nghị dài quá " + maxValidityDays + " ngày, mức tối đa của vùng của phường.");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Organization(name, taxCode, address, sector, contact, email, phone, staff, purpose, from, until);
  }

  /** Writes the checked values back, so the next form shows them as stored (e.g. the tax code with its dash). */
  public static void write(VariableScope scope, Organization o) {
    ORGANIZATION_NAME.set(scope, o.name());
    TAX_CODE.set(scope, o.taxCode());
    ORGANIZATION_ADDRESS.set(scope, o.address());
    SECTOR.set(scope, o.sector());
    CONTACT_PERSON.set(scope, o.contactPerson());
    CONTACT_EMAIL.set(scope, o.email());
    CONTACT_PHONE.set(scope, o.phone());
    STAFF_REQUESTED.set(scope, o.staffRequested());
    PURPOSE.set(scope, o.purpose());
    VALID_FROM.set(scope, Dates.format(o.validFrom()));
    VALID_UNTIL.set(scope, Dates.format(o.validUntil()));
  }

  /** The tax code in its usual written form: 0101234567, or 0101234567-001 for a branch. */
  static String taxCode(String text, List<String> problems) {
    if (text == null) {
      return null;
    }
    var m = TAX_CODE_FORMAT.matcher(text.replaceAll("[\\s.]", "").replace('–', '-'));
    if (!m.matches()) {
      problems.add("Mã số thuế \"" + text + "\" không hợp lệ: gồm 10 chữ số, hoặc 13 chữ số với chi nhánh "
          + "(ví dụ 0101234567 hoặc 0101234567-001).");
      return null;
    }
    return m.group(2) == null ? m.group(1) : m.group(1) + "-" + m.group(2);
  }

  private static Integer staffRequested(Object value, List<String> problems) {
    Integer count = null;
    if (value instanceof Number n && n.doubleValue() == n.intValue()) {
      count = n.intValue();
    } else if (value instanceof String s && s.strip().matches("\\d{1,6}")) {
      count = Integer.parseInt(s.strip());
    }
    if (count == null || count < 1 || count > StaffListParser.MAX_ROWS) {
      problems.add("Số nhân viên đề nghị phải là số nguyên từ 1 đến " + StaffListParser.MAX_ROWS
          + " (nhiều hơn thì đăng ký thành nhiều hồ sơ).");
      return null;
    }
    return count;
  }

  private static String text(VariableScope scope, Variable<Object> variable, String label, int maxLength,
      List<String> problems) {
    Object value = variable.get(scope);
    String text = value == null ? "" : value.toString().strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      problems.add("Hãy nhập " + label.toLowerCase() + ".");
      return null;
    }
    if (text.length() > maxLength) {
      problems.add(label + " dài " + text.length() + " ký tự, tối đa " + maxLength + ".");
      return null;
    }
    return text;
  }

  private static LocalDate date(VariableScope scope, Variable<Object> variable, String label,
      List<String> problems) {
    String text = text(scope, variable, label, 30, problems);
    if (text == null) {
      return null;
    }
    try {
      return Dates.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(label + " \"" + text + "\" không đúng dạng ngày (dd/MM/yyyy).");
      return null;
    }
  }
}
