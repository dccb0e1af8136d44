package vn.giaydiduong.intake;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PhoneNumbers;
import vn.giaydiduong.intake.Spreadsheets.Cell;
import vn.giaydiduong.intake.Spreadsheets.Row;

/**
 * Reads the staff list an organization sends (XLSX or CSV, see {@link StaffListColumn} for the columns): headers in
 * Vietnamese, in any order, below any title rows; CSV in UTF-8 with or without BOM, separated by commas,
 * semicolons or tabs; dates as dd/MM/yyyy. Every problem names the row and the column as the spreadsheet shows
 * them (ô C7), so the organization can fix the file in one go.
 *
 * <p>The file is read by {@link Spreadsheets}, which bounds it and hands formulas over unevaluated; a formula in a
 * column the list uses is refused with the cell named.
 */
@Component
public class StaffListParser {

  public static final int MAX_ROWS = 10_000;
  /** Problems listed in one answer; a list that is wrong everywhere is usually wrong in one way. */
  static final int MAX_PROBLEMS = 100;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final int HEADER_SEARCH_ROWS = 10;
  /**
   * A 10,000-row sheet is about 6 MB of XML; the file bound is the upload limit. Up to {@link #HEADER_SEARCH_ROWS}
   * title rows may stand above the people.
   */
  static final Spreadsheets.Limits LIMITS = new Spreadsheets.Limits("danh sách nhân viên", "người", MAX_ROWS,
      HEADER_SEARCH_ROWS, 20 * 1024 * 1024, 32L * 1024 * 1024);

  public List<StaffMember> parse(String filename, byte[] content) {
    String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    if (name.endsWith(".xlsx") && !FileTypes.isZip(content)) {
      throw new InvalidInputException("Tệp \"" + filename + "\" có đuôi .xlsx nhưng không phải bảng tính Excel "
          + "(XLSX): hãy mở bằng Excel và lưu lại dạng \"Excel Workbook (*.xlsx)\".");
    }
    if (name.endsWith(".csv") && (FileTypes.isZip(content) || FileTypes.hasNul(content))) {
      throw new InvalidInputException("Tệp \"" + filename + "\" có đuôi .csv nhưng không phải văn bản CSV: "
          + "hãy lưu lại dạng \"CSV UTF-8 (Comma delimited) (*.csv)\".");
    }
    if (!FileTypes.isStaffList(filename)) {
      throw new InvalidInputException("Tệp danh sách \"" + filename + "\" phải là bảng tính .xlsx hoặc .csv "
          + "(theo mẫu tải về từ trang nộp danh sách).");
    }
    return read(Spreadsheets.read("Tệp \"" + filename + "\"", content, LIMITS));
  }

  private List<StaffMember> read(List<Row> rows) {
    Row header = null;
    Map<StaffListColumn, Integer> columns = new EnumMap<>(StaffListColumn.class);
    for (Row row : rows) {
      if (header != null || row.number() > HEADER_SEARCH_ROWS) {
        break;
      }
      Map<StaffListColumn, Integer> found = new EnumMap<>(StaffListColumn.class);
      for (Cell cell : row.cells()) {
        StaffListColumn.of(normalize(cell.text())).ifPresent(col -> found.putIfAbsent(col, cell.column()));
      }
      if (found.containsKey(StaffListColumn.FULL_NAME) && found.containsKey(StaffListColumn.ID_NUMBER)) {
        header = row;
        columns = found;
      }
    }
    if (header == null) {
      throw new InvalidInputException("Không tìm thấy dòng tiêu đề của danh sách trong " + HEADER_SEARCH_ROWS
          + " dòng đầu: cần các cột " + StaffListColumn.headers() + " (theo mẫu; thứ tự cột tùy ý).");
    }
    List<String> problems = new ArrayList<>();
    for (StaffListColumn column : StaffListColumn.values()) {
      if (column.required() && !columns.containsKey(column)) {
        problems.add("Thiếu cột \"" + column.header() + "\" ở dòng tiêu đề (dòng " + header.number() + ").");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<StaffMember> members = new ArrayList<>();
    for (Row row : rows.subList(rows.indexOf(header) + 1, rows.size())) {
      RowReader reader = new RowReader(row, columns, problems);
      if (!reader.isBlank()) {
        members.add(reader.read());
      }
    }
    if (members.isEmpty() && problems.isEmpty()) {
      problems.add("Danh sách không có người nào dưới dòng tiêu đề (dòng " + header.number() + ").");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(capped(problems));
    }
    return members;
  }

  private static List<String> capped(List<String> problems) {
    if (problems.size() <= MAX_PROBLEMS) {
      return problems;
    }
    List<String> first = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    first.add("… và " + (problems.size() - MAX_PROBLEMS) + " lỗi khác cùng loại; hãy sửa các lỗi trên rồi gửi lại.");
    return first;
  }

  /** Lower case, without diacritics, spaces or punctuation: "Số CCCD/CMND" becomes "socccdcmnd". */
  static String normalize(String header) {
    String plain = Normalizer.normalize(header, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace('đ', 'd').replace('Đ', 'D');
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** One data row, collecting its problems as it is read. */
  private static final class RowReader {
    private final Row row;
    private final int number;
    private final Map<StaffListColumn, Integer> columns;
    private final List<String> problems;

    RowReader(Row row, Map<StaffListColumn, Integer> columns, List<String> problems) {
      this.row = row;
      this.number = row.number();
      this.columns = columns;
      this.problems = problems;
    }

    boolean isBlank() {
      return columns.values().stream().allMatch(c -> row.cell(c).text().isEmpty());
    }

    StaffMember read() {
      String name = text(StaffListColumn.FULL_NAME, 100);
      if (name != null) {
        name = name.replaceAll("\\s+", " ");
        if (!ListRow.NAME.matcher(name).matches()) {
          problem(StaffListColumn.FULL_NAME, "\"" + name + "\" " + ListRow.NAME_PROBLEM);
        }
      }
      LocalDate dob = date(StaffListColumn.DATE_OF_BIRTH);
      LocalDate today = Dates.today();
      if (dob != null && (dob.isAfter(today.minusYears(15)) || dob.isBefore(today.minusYears(100)))) {
        problem(StaffListColumn.DATE_OF_BIRTH, Dates.format(dob) + " không hợp lệ cho người đi làm");
        dob = null;
      }
      String idNumber = digits(StaffListColumn.ID_NUMBER, 20);
      if (idNumber != null) {
        String id = idNumber;
        IdNumbers.problem(id, dob).ifPresent(p -> problem(StaffListColumn.ID_NUMBER, p));
      }
      String phone = digits(StaffListColumn.PHONE, 20);
      if (phone != null) {
        phone = PhoneNumbers.normalize(phone);
        PhoneNumbers.problem(phone).ifPresent(p -> problem(StaffListColumn.PHONE, p));
      }
      String email = text(StaffListColumn.EMAIL, 254);
      if (email != null && !EMAIL.matcher(email).matches()) {
        problem(StaffListColumn.EMAIL, "\"" + email + "\" không hợp lệ");
      }
      String jobTitle = text(StaffListColumn.JOB_TITLE, 100);
      String address = text(StaffListColumn.ADDRESS, 300);
      return new StaffMember(number, name, dob, idNumber, phone, email, jobTitle, address);
    }

    private Cell cell(StaffListColumn column) {
      Integer index = columns.get(column);
      return index == null ? Cell.empty(-1) : row.cell(index);
    }

    private String text(StaffListColumn column, int maxLength) {
      Cell cell = cell(column);
      if (cell.isFormula()) {
        problem(column, cell.formulaProblem());
        return null;
      }
      String text = ListRow.singleLine(cell.text());
      if (text.isEmpty()) {
        if (column.required()) {
          problem(column, "đang trống");
        }
        return null;
      }
      if (ListRow.HIDDEN.matcher(text).find()) {
        problem(column, ListRow.HIDDEN_PROBLEM);
        return null;
      }
      if (text.length() > maxLength) {
        problem(column, "dài " + text.length() + " ký tự, tối đa " + maxLength);
        return null;
      }
      return text;
    }

    /**
     * ID and phone numbers typed into a cell formatted as a number lose their leading zeros: every CCCD starts
     * with 0 (province codes 001–096), Hanoi's CMND with 01, every phone number with 0. They are restored here;
     * the ID checks that follow (province code, year of birth) catch a wrong guess.
     */
    private String digits(StaffListColumn column, int maxLength) {
      String text = text(column, maxLength);
      if (text == null) {
        return null;
      }
      String digits = text.replaceAll("[ .]", "");
      if (cell(column).number() && digits.matches("\\d+")) {
        // A spreadsheet number has lost its leading zeros: one for a phone (mobile or landline), up to the
        // 9 or 12 digits of an ID number.
        digits = column == StaffListColumn.PHONE ? "0" + digits
            : "0".repeat(Math.max(0, (digits.length() > 9 ? 12 : 9) - digits.length())) + digits;
      }
      return digits;
    }

    private LocalDate date(StaffListColumn column) {
      LocalDate date = cell(column).date();
      if (date != null) {
        return date;
      }
      String text = text(column, 30);
      if (text == null) {
        return null;
      }
      try {
        return Dates.parse(text);
      } catch (DateTimeParseException e) {
        problem(column, "\"" + abbreviate(text) + "\" không phải ngày hợp lệ (dạng dd/MM/yyyy, ví dụ 05/09/1990)");
        return null;
      }
    }

    private void problem(StaffListColumn column, String text) {
      Integer index = columns.get(column);
      String cellRef = index == null ? "" : " (ô " + Cell.letters(index) + number + ")";
      problems.add("Dòng " + number + ", cột \"" + column.header() + "\"" + cellRef + ": " + text + ".");
    }

    private static String abbreviate(String text) {
      return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
  }
}
