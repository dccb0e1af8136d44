package vn.giaydiduong.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PhoneNumbers;
import vn.giaydiduong.intake.Spreadsheets.Row;

/**
 * Reads and checks the list of households a CSKV officer draws up for market cards: rows pasted into the start
 * form, a spreadsheet file (Excel .xlsx or CSV) uploaded to the API, or a JSON array. All become the same rows
 * (in {@link #COLUMNS} order) and pass the same checks; every problem of every row is reported at once, and a
 * list with any problem is refused whole. Files are read by {@link Spreadsheets}, which bounds them before parsing
 * and refuses a file that is not what it claims with a Vietnamese message.
 */
@Component
public class HouseholdListParser {

  public static final int MAX_HOUSEHOLDS = 1000;
  public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
  /** A household list of 1,000 rows unpacks to well under 1 MB; anything near this is a zip bomb. */
  static final long MAX_UNPACKED_BYTES = 20L * 1024 * 1024;

  /** Columns of a list, in order; the same names are the fields of the JSON form. The last one may be left out. */
  public static final List<String> COLUMNS = List.of("headName", "representativeName", "idNumber", "phone",
      "address", "memberCount", "householdCode");

  /** Column headers of the templates and the preview, in {@link #COLUMNS} order. */
  public static final List<String> HEADERS = List.of("Họ tên chủ hộ", "Họ tên người đi chợ",
      "Số CCCD/CMND người đi chợ", "Số điện thoại", "Địa chỉ", "Số nhân khẩu", "Số hộ khẩu");

  private static final Pattern HOUSEHOLD_CODE = Pattern.compile("[\\p{Alnum}/-]{1,20}");
  /** Files are read by {@link Spreadsheets} within these bounds; one header row may stand above the households. */
  static final Spreadsheets.Limits LIMITS = new Spreadsheets.Limits("danh sách hộ gia đình", "hộ", MAX_HOUSEHOLDS, 1,
      MAX_FILE_BYTES, MAX_UNPACKED_BYTES);

  private final ObjectMapper json;

  public HouseholdListParser(ObjectMapper json) {
    this.json = json;
  }

  /** A JSON array of objects with the fields named in {@link #COLUMNS}. */
  public List<HouseholdDraft> parseJson(String householdsJson) {
    JsonNode list;
    try {
      list = householdsJson == null ? null : json.readTree(householdsJson);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Danh sách hộ gia đình không đọc được (không phải JSON hợp lệ).");
    }
    return parse(list);
  }

  /** Rows pasted from a spreadsheet: cells separated by Tab (what Excel copies) or semicolons. */
  public List<HouseholdDraft> parseTable(String table) {
    if (table == null || table.isBlank()) {
      return parse(json.createArrayNode());
    }
    return parse(toJson(Spreadsheets.readCsv("Danh sách", table, table.indexOf('\t') >= 0 ? '\t' : ';', LIMITS)));
  }

  /** An uploaded file: Excel .xlsx (recognised by its content, not its name) or CSV text in UTF-8. */
  public List<HouseholdDraft> parseFile(byte[] content) {
    return parse(toJson(Spreadsheets.read("Tệp tải lên", content, LIMITS)));
  }

  /** Rows in {@link #COLUMNS} order, below an optional header; a formula anywhere is refused with its cell. */
  private ArrayNode toJson(List<Row> rows) {
    ArrayNode list = json.createArrayNode();
    List<String> problems = new ArrayList<>();
    for (ListTable.SourcedRow row : sourced(rows)) {
      problems.addAll(row.problems());
      list.add(row.fields());
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return list;
  }

  private List<ListTable.SourcedRow> sourced(List<Row> rows) {
    return ListTable.rows(rows, COLUMNS, COLUMNS.size() - 1, HouseholdListParser::isHeader, "Hộ", json);
  }

  /** An uploaded file, every problem on its row, nothing refused but an unreadable, empty or oversized file. */
  public ListPreview previewFile(byte[] content) {
    return preview(Spreadsheets.read("Tệp tải lên", content, LIMITS));
  }

  /** Rows pasted from a spreadsheet, as {@link #parseTable} reads them, every problem on its row. */
  public ListPreview previewTable(String table) {
    return preview(Spreadsheets.readCsv("Danh sách", table == null ? "" : table,
        table != null && table.indexOf('\t') >= 0 ? '\t' : ';', LIMITS));
  }

  private ListPreview preview(List<Row> rows) {
    return ListPreview.of(sourced(rows), HEADERS, COLUMNS, entries -> check(entries).problems());
  }

  /** "Họ tên chủ hộ", "Chủ hộ", "STT": a person's name never reads like that. */
  private static boolean isHeader(String firstCell) {
    String cell = firstCell.toLowerCase(Locale.ROOT);
    return cell.startsWith("họ tên") || cell.startsWith("họ và tên") || cell.equals("chủ hộ") || cell.equals("stt");
  }

  private List<HouseholdDraft> parse(JsonNode list) {
    Checked checked = check(list);
    List<String> problems = checked.problems().stream().flatMap(List::stream).toList();
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return checked.drafts();
  }

  /** The households read, and the problems of each (same index); refuses only an empty or oversized list. */
  private record Checked(List<HouseholdDraft> drafts, List<List<String>> problems) {
  }

  private Checked check(JsonNode list) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidInputException("Danh sách hộ gia đình đang trống: hãy nhập ít nhất một hộ.");
    }
    if (list.size() > MAX_HOUSEHOLDS) {
      throw new InvalidInputException("Danh sách có " + list.size() + " hộ, vượt quá " + MAX_HOUSEHOLDS
          + " hộ một lần: hãy chia thành nhiều danh sách.");
    }
    List<List<String>> problems = new ArrayList<>();
    List<HouseholdDraft> drafts = new ArrayList<>();
    Map<String, Integer> seenIds = new HashMap<>();
    Map<String, Integer> seenCodes = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      Line line = new Line(list.get(i), i + 1);
      HouseholdDraft draft = line.read();
      if (draft.representativeIdNumber() != null) {
        Integer first = seenIds.putIfAbsent(draft.representativeIdNumber(), i + 1);
        if (first != null) {
          line.problem("người đi chợ (CCCD/CMND " + draft.representativeIdNumber() + ") đã đại diện cho hộ thứ "
              + first + ": mỗi người chỉ đi chợ cho một hộ");
        }
      }
      if (draft.householdCode() != null) {
        Integer first = seenCodes.putIfAbsent(draft.householdCode(), i + 1);
        if (first != null) {
          line.problem("số hộ khẩu " + draft.householdCode() + " trùng với hộ thứ " + first
              + ": mỗi hộ một thẻ");
        }
      }
      problems.add(line.problems());
      drafts.add(draft);
    }
    return new Checked(drafts, problems);
  }

  /** One household of the list, collecting its problems as it is read. */
  private static final class Line {
    private final ListRow row;

    Line(JsonNode node, int number) {
      this.row = new ListRow(node, "Hộ thứ " + number, "headName", "chủ hộ ");
    }

    HouseholdDraft read() {
      if (!row.isObject()) {
        row.problem("dòng không đúng định dạng");
        return new HouseholdDraft(null, null, null, null, null, 0, null);
      }
      String head = row.name("headName", "họ tên chủ hộ");
      String representative = row.name("representativeName", "họ tên người đi chợ");
      String typedId = row.text("idNumber", "số CCCD/CMND người đi chợ", 20, true);
      String idNumber = typedId == null ? null : typedId.replace(" ", "");
      if (idNumber != null) {
        // Excel turns 001085000123 typed into a number cell into 1085000123.
        String hint = idNumber.matches("\\d{10,11}")
            ? " (nếu nhập trong Excel, hãy định dạng ô là Text để giữ số 0 ở đầu)" : "";
        IdNumbers.problem(idNumber, null).ifPresent(p -> row.problem(p + hint));
      }
      String phone = row.text("phone", "số điện thoại", 20, false);
      if (phone != null) {
        phone = PhoneNumbers.normalize(phone);
        PhoneNumbers.problem(phone).ifPresent(p -> row.problem("số điện thoại " + p));
      }
      String address = row.text("address", "địa chỉ", 300, true);
      int members = 0;
      String count = row.text("memberCount", "số nhân khẩu", 10, true);
      if (count != null) {
        if (count.matches("\\d{1,3}") && Integer.parseInt(count) >= 1 && Integer.parseInt(count) <= 50) {
          members = Integer.parseInt(count);
        } else {
          row.problem("số nhân khẩu \"" + count + "\" phải là số từ 1 đến 50");
        }
      }
      String code = row.text("householdCode", "số hộ khẩu", 20, false);
      if (code != null && !HOUSEHOLD_CODE.matcher(code).matches()) {
        row.problem("số hộ khẩu \"" + code + "\" chỉ gồm chữ, số, \"/\" và \"-\"");
      }
      return new HouseholdDraft(head, representative, idNumber, phone, address, members, code);
    }

    void problem(String text) {
      row.problem(text);
    }

    List<String> problems() {
      return row.problems();
    }
  }
}
