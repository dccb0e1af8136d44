package vn.giaydiduong.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Reads the staff list an organization sends (XLSX or CSV, see {@link StaffListColumn} for the columns): headers in
 * Vietnamese, in any order, below any title rows; CSV in UTF-8 with or without BOM, separated by commas,
 * semicolons or tabs; dates as dd/MM/yyyy. Every problem names the row and the column as the spreadsheet shows
 * them (ô C7), so the organization can fix the file in one go.
 *
 * <p>Formulas are refused, never evaluated: a cached result may be missing or stale, and evaluating a stranger's
 * formulas is an attack surface. Zip bombs are stopped by POI's {@link ZipSecureFile} limits, set below.
 */
@Component
public class StaffListParser {

  public static final int MAX_ROWS = 10_000;
  /** Problems listed in one answer; a list that is wrong everywhere is usually wrong in one way. */
  static final int MAX_PROBLEMS = 100;
  /** A 10,000-row sheet is about 6 MB of XML; anything far larger is not a staff list. */
  private static final long MAX_XML_ENTRY_BYTES = 32L * 1024 * 1024;

  private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} .'-]*");
  private static final Pattern PHONE = Pattern.compile("(0|\\+84)\\d{9}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final int HEADER_SEARCH_ROWS = 10;

  static {
    // Refuse entries that expand more than 100 times (the default allows 100x too, stated here on purpose)
    // and any single entry larger than a real staff list could be.
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(MAX_XML_ENTRY_BYTES);
  }

  /** A cell as text, with where it is and whether the sheet stored it as a number (leading zeros lost). */
  private record Value(String text, boolean numeric, LocalDate date, boolean formula) {
    static final Value EMPTY = new Value("", false, null, false);
  }

  public List<StaffMember> parse(String filename, byte[] content) {
    String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    if (name.endsWith(".xlsx")) {
      if (!FileTypes.isZip(content)) {
        throw new InvalidInputException("Tệp \"" + filename + "\" có đuôi .xlsx nhưng không phải bảng tính Excel "
            + "(XLSX): hãy mở bằng Excel và lưu lại dạng \"Excel Workbook (*.xlsx)\".");
      }
      return read(readXlsx(filename, content));
    }
    if (name.endsWith(".csv")) {
      if (FileTypes.isZip(content) || FileTypes.hasNul(content)) {
        throw new InvalidInputException("Tệp \"" + filename + "\" có đuôi .csv nhưng không phải văn bản CSV: "
            + "hãy lưu lại dạng \"CSV UTF-8 (Comma delimited) (*.csv)\".");
      }
      return read(readCsv(filename, content));
    }
    throw new InvalidInputException("Tệp danh sách \"" + filename + "\" phải là bảng tính .xlsx hoặc .csv "
        + "(theo mẫu tải về từ trang nộp danh sách).");
  }

  private static List<List<Value>> readXlsx(String filename, byte[] content) {
    try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
      if (workbook.getNumberOfSheets() == 0) {
        throw new InvalidInputException("Tệp \"" + filename + "\" không có trang tính nào.");
      }
      Sheet sheet = workbook.getSheetAt(0);
      if (sheet.getLastRowNum() >= MAX_ROWS + HEADER_SEARCH_ROWS) {
        throw tooMany(sheet.getLastRowNum());
      }
      List<List<Value>> rows = new ArrayList<>();
      for (int r = 0; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        List<Value> values = new ArrayList<>();
        if (row != null) {
          for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
            values.add(value(row.getCell(c)));
          }
        }
        rows.add(values);
      }
      return rows;
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      if (isZipBomb(e)) {
        throw new InvalidInputException("Tệp \"" + filename + "\" bị từ chối: nội dung nén bất thường (giải nén "
            + "lớn gấp nhiều lần tệp gửi), không phải một danh sách nhân viên bình thường.");
      }
      throw new InvalidInputException("Tệp \"" + filename + "\" không đọc được như bảng tính Excel (XLSX): "
          + "tệp hỏng hoặc có mật khẩu. Hãy lưu lại theo mẫu rồi gửi lại.");
    }
  }

  private static boolean isZipBomb(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String why = String.valueOf(t.getMessage());
      if (why.contains("Zip bomb") || why.contains("max entry size") || why.contains("exceeds the maximum")) {
        return true;
      }
    }
    return false;
  }

  private static Value value(Cell cell) {
    if (cell == null) {
      return Value.EMPTY;
    }
    CellType type = cell.getCellType();
    if (type == CellType.FORMULA) {
      return new Value("=" + cell.getCellFormula(), false, null, true);
    }
    if (type == CellType.NUMERIC) {
      if (DateUtil.isCellDateFormatted(cell)) {
        LocalDate date = cell.getLocalDateTimeCellValue().toLocalDate();
        return new Value(Dates.format(date), false, date, false);
      }
      return new Value(new java.math.BigDecimal(Double.toString(cell.getNumericCellValue()))
          .stripTrailingZeros().toPlainString(), true, null, false);
    }
    if (type == CellType.BOOLEAN) {
      return new Value(Boolean.toString(cell.getBooleanCellValue()), false, null, false);
    }
    if (type == CellType.STRING) {
      return new Value(cell.getStringCellValue(), false, null, false);
    }
    return Value.EMPTY;
  }

  private static List<List<Value>> readCsv(String filename, byte[] content) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("Tệp \"" + filename + "\" không phải mã UTF-8 nên tiếng Việt sẽ bị lỗi: "
          + "trong Excel hãy chọn Lưu thành \"CSV UTF-8 (Comma delimited) (*.csv)\".");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String firstLine = text.lines().findFirst().orElse("");
    char delimiter = mostFrequent(firstLine, ',', ';', '\t');
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
    List<List<Value>> rows = new ArrayList<>();
    try (CSVParser parser = format.parse(new StringReader(text))) {
      for (CSVRecord record : parser) {
        if (rows.size() >= MAX_ROWS + HEADER_SEARCH_ROWS) {
          throw tooMany(rows.size());
        }
        List<Value> values = new ArrayList<>();
        record.forEach(cell -> values.add(new Value(cell, false, null, false)));
        rows.add(values);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidInputException("Tệp \"" + filename + "\" không đọc được như CSV (dòng khoảng "
          + (rows.size() + 1) + "): có thể thiếu dấu ngoặc kép đóng.");
    }
    return rows;
  }

  private static char mostFrequent(String line, char... candidates) {
    char best = candidates[0];
    long bestCount = -1;
    for (char c : candidates) {
      long count = line.chars().filter(ch -> ch == c).count();
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
    }
    return best;
  }

  private static InvalidInputException tooMany(int rows) {
    return new InvalidInputException("Danh sách có khoảng " + rows + " dòng, vượt quá " + MAX_ROWS
        + " người một lần gửi: hãy chia thành nhiều danh sách.");
  }

  private List<StaffMember> read(List<List<Value>> rows) {
    int headerRow = -1;
    Map<StaffListColumn, Integer> columns = new EnumMap<>(StaffListColumn.class);
    for (int r = 0; r < Math.min(HEADER_SEARCH_ROWS, rows.size()) && headerRow < 0; r++) {
      Map<StaffListColumn, Integer> found = new EnumMap<>(StaffListColumn.class);
      List<Value> row = rows.get(r);
      for (int c = 0; c < row.size(); c++) {
        int column = c;
        StaffListColumn.of(normalize(row.get(c).text())).ifPresent(col -> found.putIfAbsent(col, column));
      }
      if (found.containsKey(StaffListColumn.FULL_NAME) && found.containsKey(StaffListColumn.ID_NUMBER)) {
        headerRow = r;
        columns = found;
      }
    }
    if (headerRow < 0) {
      throw new InvalidInputException("Không tìm thấy dòng tiêu đề của danh sách trong " + HEADER_SEARCH_ROWS
          + " dòng đầu: cần các cột " + StaffListColumn.headers() + " (theo mẫu; thứ tự cột tùy ý).");
    }
    List<String> problems = new ArrayList<>();
    for (StaffListColumn column : StaffListColumn.values()) {
      if (column.required() && !columns.containsKey(column)) {
        problems.add("Thiếu cột \"" + column.header() + "\" ở dòng tiêu đề (dòng " + (headerRow + 1) + ").");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<StaffMember> members = new ArrayList<>();
    for (int r = headerRow + 1; r < rows.size(); r++) {
      RowReader reader = new RowReader(rows.get(r), r + 1, columns, problems);
      if (reader.isBlank()) {
        continue;
      }
      members.add(reader.read());
    }
    if (members.isEmpty() && problems.isEmpty()) {
      problems.add("Danh sách không có người nào dưới dòng tiêu đề (dòng " + (headerRow + 1) + ").");
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
    private final List<Value> cells;
    private final int number;
    private final Map<StaffListColumn, Integer> columns;
    private final List<String> problems;

    RowReader(List<Value> cells, int number, Map<StaffListColumn, Integer> columns, List<String> problems) {
      this.cells = cells;
      this.number = number;
      this.columns = columns;
      this.problems = problems;
    }

    boolean isBlank() {
      return columns.values().stream().allMatch(c -> cell(c).text().isBlank());
    }

    StaffMember read() {
      String name = text(StaffListColumn.FULL_NAME, 100);
      if (name != null) {
        name = name.replaceAll("\\s+", " ");
        if (!NAME.matcher(name).matches()) {
          problem(StaffListColumn.FULL_NAME, "\"" + name + "\" chỉ được gồm chữ cái và dấu cách");
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
      String phone = digits(StaffListColumn.PHONE, 15);
      if (phone != null && !PHONE.matcher(phone).matches()) {
        problem(StaffListColumn.PHONE, "\"" + phone + "\" không hợp lệ (10 chữ số, bắt đầu bằng 0)");
      }
      String email = text(StaffListColumn.EMAIL, 254);
      if (email != null && !EMAIL.matcher(email).matches()) {
        problem(StaffListColumn.EMAIL, "\"" + email + "\" không hợp lệ");
      }
      String jobTitle = text(StaffListColumn.JOB_TITLE, 100);
      String address = text(StaffListColumn.ADDRESS, 300);
      return new StaffMember(number, name, dob, idNumber, phone, email, jobTitle, address);
    }

    private Value cell(int column) {
      return column < cells.size() ? cells.get(column) : Value.EMPTY;
    }

    private Value cell(StaffListColumn column) {
      Integer index = columns.get(column);
      return index == null ? Value.EMPTY : cell(index);
    }

    private String text(StaffListColumn column, int maxLength) {
      Value value = cell(column);
      if (value.formula()) {
        problem(column, "ô chứa công thức (" + abbreviate(value.text()) + "); hãy dán giá trị thay cho công thức "
            + "(Paste Special → Values)");
        return null;
      }
      String text = value.text().strip();
      if (text.isEmpty()) {
        if (column.required()) {
          problem(column, "đang trống");
        }
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
      if (cell(column).numeric() && digits.matches("\\d+")) {
        int length = column == StaffListColumn.PHONE ? 10 : digits.length() > 9 ? 12 : 9;
        digits = "0".repeat(Math.max(0, length - digits.length())) + digits;
      }
      return digits;
    }

    private LocalDate date(StaffListColumn column) {
      Value value = cell(column);
      if (value.date() != null) {
        return value.date();
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
      String cellRef = index == null ? "" : " (ô " + CellReference.convertNumToColString(index) + number + ")";
      problems.add("Dòng " + number + ", cột \"" + column.header() + "\"" + cellRef + ": " + text + ".");
    }

    private static String abbreviate(String text) {
      return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
  }
}
