package vn.giaydiduong.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PhoneNumbers;

/**
 * Reads and checks the list of residents a CSKV officer registers: rows pasted into the start form (from a
 * spreadsheet: Tab- or semicolon-separated, in {@link #COLUMNS} order) or a JSON array sent to the REST API.
 * Both become the same rows and pass the same checks. Collects every problem of every row before refusing, so
 * the officer fixes the list in one go; accepts nothing partially.
 */
@Component
public class ResidentListParser {

  public static final int MAX_PERSONS = 1000;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** Columns of a pasted list, in order; the same names are the fields of the JSON form. */
  public static final List<String> COLUMNS = List.of("fullName", "dateOfBirth", "idNumber", "phone", "email",
      "address", "workplace", "destination", "purpose", "validFrom", "validUntil");

  /** Column headers of the templates and the preview, in {@link #COLUMNS} order. */
  public static final List<String> HEADERS = List.of("Họ và tên", "Ngày sinh", "Số CCCD/CMND", "Số điện thoại",
      "Email", "Nơi ở", "Nơi làm việc", "Nơi đến", "Mục đích", "Từ ngày", "Đến ngày");

  /** Files are read within the household list's bounds: the same 2 MB and 1,000 rows below one header row. */
  static final Spreadsheets.Limits LIMITS = new Spreadsheets.Limits("danh sách người đề nghị", "người", MAX_PERSONS,
      1, HouseholdListParser.MAX_FILE_BYTES, HouseholdListParser.MAX_UNPACKED_BYTES);

  private final ObjectMapper json;

  public ResidentListParser(ObjectMapper json) {
    this.json = json;
  }

  /**
   * A JSON array of objects with the fields named in {@link #COLUMNS}. {@code maxValidityDays} is the longest
   * validity the ward may grant now (processes/pass-validity.dmn), first and last day counted.
   */
  public List<ApplicantDraft> parseJson(String residentsJson, LocalDate today, int maxValidityDays) {
    JsonNode list;
    try {
      list = residentsJson == null ? null : json.readTree(residentsJson);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Danh sách người đề nghị không đọc được (không phải JSON hợp lệ).");
    }
    return parse(list, today, maxValidityDays);
  }

  /**
   * Rows as pasted from a spreadsheet: one person a line, cells separated by Tab (what Excel copies) or by
   * semicolons, in {@link #COLUMNS} order. A header line ("Họ và tên …") and blank lines are skipped.
   */
  public List<ApplicantDraft> parseTable(String table, LocalDate today, int maxValidityDays) {
    ArrayNode list = json.createArrayNode();
    if (table != null && !table.isBlank()) {
      char delimiter = table.indexOf('\t') >= 0 ? '\t' : ';';
      CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
          .setIgnoreEmptyLines(true).get();
      List<String> problems = new ArrayList<>();
      try (CSVParser rows = format.parse(new StringReader(table))) {
        for (CSVRecord row : rows) {
          if (list.isEmpty() && isHeader(row.get(0))) {
            continue;
          }
          if (row.size() != COLUMNS.size()) {
            problems.add("Người thứ " + (list.size() + 1) + " (dòng " + row.getRecordNumber() + "): có "
                + row.size() + " cột, cần đúng " + COLUMNS.size() + " cột theo thứ tự mẫu (cột trống vẫn "
                + "phải có dấu phân cách).");
          }
          ObjectNode person = list.addObject();
          for (int i = 0; i < Math.min(row.size(), COLUMNS.size()); i++) {
            person.put(COLUMNS.get(i), row.get(i));
          }
        }
      } catch (IOException | UncheckedIOException e) {
        throw new InvalidInputException("Danh sách dán vào không đọc được: " + e.getMessage());
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
    }
    return parse(list, today, maxValidityDays);
  }

  private static boolean isHeader(String firstCell) {
    return firstCell.toLowerCase(Locale.ROOT).startsWith("họ")
        && firstCell.toLowerCase(Locale.ROOT).contains("tên");
  }

  private List<ApplicantDraft> parse(JsonNode list, LocalDate today, int maxValidityDays) {
    Checked checked = check(list, today, maxValidityDays);
    List<String> problems = checked.problems().stream().flatMap(List::stream).toList();
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return checked.drafts();
  }

  /** The people read, and the problems of each (same index); refuses only an empty or oversized list. */
  private record Checked(List<ApplicantDraft> drafts, List<List<String>> problems) {
  }

  private Checked check(JsonNode list, LocalDate today, int maxValidityDays) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidInputException("Danh sách người đề nghị cấp giấy đi đường đang trống: "
          + "hãy nhập ít nhất một người.");
    }
    if (list.size() > MAX_PERSONS) {
      throw new InvalidInputException("Danh sách có " + list.size() + " người, vượt quá " + MAX_PERSONS
          + " người một lần đăng ký: hãy chia thành nhiều danh sách.");
    }
    List<List<String>> problems = new ArrayList<>();
    List<ApplicantDraft> drafts = new ArrayList<>();
    Map<String, Integer> seenIds = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Row row = new Row(list.get(i), i + 1);
      ApplicantDraft draft = row.read(today, maxValidityDays);
      if (draft.idNumber() != null) {
        Integer first = seenIds.putIfAbsent(draft.idNumber(), i + 1);
        if (first != null) {
          row.problem("số CCCD/CMND " + draft.idNumber() + " trùng với người thứ " + first);
        }
      }
      problems.add(row.problems());
      drafts.add(draft);
    }
    return new Checked(drafts, problems);
  }

  /**
   * An uploaded file (Excel .xlsx or CSV in UTF-8, in {@link #COLUMNS} order below an optional header row), every
   * problem on its row; refuses only an unreadable, empty or oversized file.
   */
  public ListPreview previewFile(byte[] content, LocalDate today, int maxValidityDays) {
    return preview(Spreadsheets.read("Tệp tải lên", content, LIMITS), today, maxValidityDays);
  }

  /** Rows pasted from a spreadsheet (Tab or semicolon between cells), every problem on its row. */
  public ListPreview previewTable(String table, LocalDate today, int maxValidityDays) {
    return preview(Spreadsheets.readCsv("Danh sách", table == null ? "" : table,
        table != null && table.indexOf('\t') >= 0 ? '\t' : ';', LIMITS), today, maxValidityDays);
  }

  private ListPreview preview(List<Spreadsheets.Row> rows, LocalDate today, int maxValidityDays) {
    // A sheet leaves out empty trailing cells: a short row is judged by its missing fields, not its width.
    List<ListTable.SourcedRow> sourced = ListTable.rows(rows, COLUMNS, 1, ResidentListParser::isHeader, "Người",
        json);
    return ListPreview.of(sourced, HEADERS, COLUMNS, entries -> check(entries, today, maxValidityDays).problems());
  }

  /** One person of the list, collecting its problems as it is read. */
  private static final class Row {
    private final ListRow row;

    Row(JsonNode node, int number) {
      this.row = new ListRow(node, "Người thứ " + number, "fullName", "");
    }

    ApplicantDraft read(LocalDate today, int maxValidityDays) {
      if (!row.isObject()) {
        row.problem("dòng không đúng định dạng");
        return new ApplicantDraft(null, null, null, null, null, null, null, null, null, null, null);
      }
      String name = row.name("fullName", "họ và tên");
      LocalDate dob = row.date("dateOfBirth", "ngày sinh");
      if (dob != null && (dob.isAfter(today) || dob.isBefore(today.minusYears(120)))) {
        row.problem("ngày sinh " + Dates.format(dob) + " không hợp lệ");
      }
      String idNumber = row.text("idNumber", "số CCCD/CMND", 20, true);
      if (idNumber != null) {
        idNumber = idNumber.replace(" ", "");
        IdNumbers.problem(idNumber, dob).ifPresent(this::problem);
      }
      String phone = row.text("phone", "số điện thoại", 20, true);
      if (phone != null) {
        phone = PhoneNumbers.normalize(phone);
        PhoneNumbers.problem(phone).ifPresent(p -> row.problem("số điện thoại " + p));
      }
      String email = row.text("email", "email", 254, false);
      if (email != null && !EMAIL.matcher(email).matches()) {
        row.problem("email \"" + email + "\" không hợp lệ");
      }
      String address = row.text("address", "nơi ở", 300, true);
      String workplace = row.text("workplace", "nơi làm việc", 200, false);
      String destination = row.text("destination", "nơi đến", 300, true);
      String purpose = row.text("purpose", "mục đích", 300, true);
      LocalDate from = row.date("validFrom", "ngày bắt đầu");
      LocalDate until = row.date("validUntil", "ngày hết hạn");
      if (from != null && from.isBefore(today)) {
        row.problem("ngày bắt đầu " + Dates.format(from) + " đã qua");
      }
      if (from != null && until != null) {
        if (until.isBefore(from)) {
          row.problem("ngày hết hạn " + Dates.format(until) + " trước ngày bắt đầu " + Dates.format(from));
        } else if (until.isAfter(from.plusDays(maxValidityDays - 1L))) {
          row.problem("thời hạn đề nghị dài quá " + maxValidityDays + " ngày");
        }
      }
      return new ApplicantDraft(name, dob, idNumber, phone, email, address, workplace, destination, purpose, from,
          until);
    }

    void problem(String text) {
      row.problem(text);
    }

    List<String> problems() {
      return row.problems();
    }
  }
}
