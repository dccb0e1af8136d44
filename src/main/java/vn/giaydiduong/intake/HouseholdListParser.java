package vn.giaydiduong.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.springframework.stereotype.Component;

/**
 * Reads and checks the list of households a CSKV officer draws up for market cards: rows pasted into the start
 * form, a spreadsheet file (Excel .xlsx or CSV) uploaded to the API, or a JSON array. All become the same rows
 * (in {@link #COLUMNS} order) and pass the same checks; every problem of every row is reported at once, and a
 * list with any problem is refused whole. Files are untrusted: size, unpacked size, entries and rows are bounded
 * before anything is parsed, and a file that is not what it claims is refused with a Vietnamese message.
 */
@Component
public class HouseholdListParser {

  public static final int MAX_HOUSEHOLDS = 1000;
  public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
  /** A household list of 1,000 rows unpacks to well under 1 MB; anything near this is a zip bomb. */
  static final long MAX_UNPACKED_BYTES = 20L * 1024 * 1024;
  static final int MAX_ZIP_ENTRIES = 200;
  private static final int MAX_CELL_CHARS = 1000;

  /** Columns of a list, in order; the same names are the fields of the JSON form. The last one may be left out. */
  public static final List<String> COLUMNS = List.of("headName", "representativeName", "idNumber", "phone",
      "address", "memberCount", "householdCode");

  private static final Pattern HOUSEHOLD_CODE = Pattern.compile("[\\p{Alnum}/-]{1,20}");
  private static final String NOT_A_SPREADSHEET = "Tệp tải lên không phải bảng tính Excel (.xlsx) hay CSV hợp lệ. "
      + "Hãy lưu danh sách từ Excel dạng \"Excel Workbook (.xlsx)\" hoặc \"CSV UTF-8\" rồi tải lên lại.";

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
    return parse(readCsv(new StringReader(table), table.indexOf('\t') >= 0 ? '\t' : ';'));
  }

  /** An uploaded file: Excel .xlsx (recognised by its content, not its name) or CSV text in UTF-8. */
  public List<HouseholdDraft> parseFile(byte[] content) {
    if (content == null || content.length == 0) {
      throw new InvalidInputException("Tệp tải lên đang trống.");
    }
    if (content.length > MAX_FILE_BYTES) {
      throw new InvalidInputException("Tệp tải lên lớn quá " + MAX_FILE_BYTES / 1024 / 1024
          + " MB: hãy chia danh sách thành nhiều tệp.");
    }
    byte[] head = java.util.Arrays.copyOf(content, 8);
    if (ReadableWorkbook.isOLE2Header(head)) {
      throw new InvalidInputException("Tệp Excel đời cũ (.xls) không được nhận: hãy mở bằng Excel và lưu lại "
          + "dạng \"Excel Workbook (.xlsx)\" hoặc \"CSV UTF-8\".");
    }
    if (ReadableWorkbook.isOOXMLZipHeader(head)) {
      return parse(readXlsx(content));
    }
    String text = utf8(content);
    if (text.indexOf('\0') >= 0) {
      throw new InvalidInputException(NOT_A_SPREADSHEET);
    }
    String firstLine = text.lines().findFirst().orElse("");
    char delimiter = firstLine.indexOf('\t') >= 0 ? '\t' : firstLine.indexOf(';') >= 0 ? ';' : ',';
    return parse(readCsv(new StringReader(text), delimiter));
  }

  private ArrayNode readCsv(Reader text, char delimiter) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
        .setIgnoreEmptyLines(true).get();
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser parser = format.parse(text)) {
      for (CSVRecord record : parser) {
        if (rows.size() > MAX_HOUSEHOLDS + 1) {
          throw tooMany();
        }
        rows.add(record.toList());
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new InvalidInputException("Danh sách không đọc được (lỗi định dạng CSV, ví dụ dấu ngoặc kép "
          + "không đóng).");
    }
    return toJson(rows);
  }

  private ArrayNode readXlsx(byte[] content) {
    checkZip(content);
    List<List<String>> rows = new ArrayList<>();
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(content));
        Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
      Iterator<Row> it = sheet.iterator();
      while (it.hasNext()) {
        Row row = it.next();
        // Excel numbers the rows; blank rows in between are kept so messages name the row the officer sees.
        while (rows.size() < row.getRowNum() - 1) {
          rows.add(List.of());
        }
        if (rows.size() > MAX_HOUSEHOLDS + 1) {
          throw tooMany();
        }
        rows.add(cells(row));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw new InvalidInputException(NOT_A_SPREADSHEET);
    }
    return toJson(rows);
  }

  /** Refuses zip bombs: counts what every entry unpacks to, reading it through, before the workbook is parsed. */
  private static void checkZip(byte[] content) {
    long unpacked = 0;
    int entries = 0;
    try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
      byte[] buffer = new byte[8192];
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        if (++entries > MAX_ZIP_ENTRIES) {
          throw new InvalidInputException(NOT_A_SPREADSHEET);
        }
        try (InputStream in = zip.getInputStream(entry)) {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            unpacked += n;
            if (unpacked > MAX_UNPACKED_BYTES) {
              throw new InvalidInputException("Tệp Excel giải nén ra quá " + MAX_UNPACKED_BYTES / 1024 / 1024
                  + " MB: không phải một danh sách hộ gia đình, tệp bị từ chối.");
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw new InvalidInputException(NOT_A_SPREADSHEET);
    }
  }

  /** Cell texts as the officer sees them; whole numbers without ".0" (Excel stores "4" as 4.0). */
  private static List<String> cells(Row row) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < Math.min(row.getCellCount(), COLUMNS.size() + 1); i++) {
      Cell cell = row.getCell(i);
      String text;
      if (cell == null || cell.getType() == CellType.EMPTY) {
        text = "";
      } else if (cell.getType() == CellType.NUMBER) {
        text = ((BigDecimal) cell.getValue()).stripTrailingZeros().toPlainString();
      } else {
        text = cell.getText();
      }
      cells.add(text.length() > MAX_CELL_CHARS ? text.substring(0, MAX_CELL_CHARS) : text.strip());
    }
    while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
      cells.remove(cells.size() - 1);
    }
    return cells;
  }

  private ArrayNode toJson(List<List<String>> rows) {
    ArrayNode list = json.createArrayNode();
    List<String> problems = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.stream().allMatch(String::isBlank)) {
        continue;
      }
      if (list.isEmpty() && isHeader(row.get(0))) {
        continue;
      }
      if (row.size() < COLUMNS.size() - 1 || row.size() > COLUMNS.size()) {
        problems.add("Hộ thứ " + (list.size() + 1) + " (dòng " + (r + 1) + "): có " + row.size() + " cột, cần "
            + (COLUMNS.size() - 1) + " hoặc " + COLUMNS.size() + " cột theo thứ tự mẫu (cột trống vẫn phải có "
            + "dấu phân cách).");
      }
      ObjectNode household = list.addObject();
      for (int i = 0; i < Math.min(row.size(), COLUMNS.size()); i++) {
        household.put(COLUMNS.get(i), row.get(i));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return list;
  }

  /** "Họ tên chủ hộ", "Chủ hộ", "STT": a person's name never reads like that. */
  private static boolean isHeader(String firstCell) {
    String cell = firstCell.toLowerCase(Locale.ROOT);
    return cell.startsWith("họ tên") || cell.startsWith("họ và tên") || cell.equals("chủ hộ") || cell.equals("stt");
  }

  private static String utf8(byte[] content) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
      // Excel's "CSV UTF-8" starts with a byte order mark.
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("Tệp CSV không ở dạng UTF-8 nên tiếng Việt sẽ bị lỗi: trong Excel hãy "
          + "chọn Lưu thành \"CSV UTF-8 (Comma delimited)\", hoặc tải lên tệp .xlsx.");
    }
  }

  private static InvalidInputException tooMany() {
    return new InvalidInputException("Danh sách có hơn " + MAX_HOUSEHOLDS + " hộ: hãy chia thành nhiều danh sách.");
  }

  private List<HouseholdDraft> parse(JsonNode list) {
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidInputException("Danh sách hộ gia đình đang trống: hãy nhập ít nhất một hộ.");
    }
    if (list.size() > MAX_HOUSEHOLDS) {
      throw new InvalidInputException("Danh sách có " + list.size() + " hộ, vượt quá " + MAX_HOUSEHOLDS
          + " hộ một lần: hãy chia thành nhiều danh sách.");
    }
    List<String> problems = new ArrayList<>();
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
      problems.addAll(line.problems);
      drafts.add(draft);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return drafts;
  }

  /** One household of the list, collecting its problems as it is read. */
  private static final class Line {
    private final JsonNode node;
    private final int number;
    private final List<String> problems = new ArrayList<>();

    Line(JsonNode node, int number) {
      this.node = node;
      this.number = number;
    }

    HouseholdDraft read() {
      if (!node.isObject()) {
        problem("dòng không đúng định dạng");
        return new HouseholdDraft(null, null, null, null, null, 0, null);
      }
      String head = name("headName", "họ tên chủ hộ");
      String representative = name("representativeName", "họ tên người đi chợ");
      String typedId = text("idNumber", "số CCCD/CMND người đi chợ", 20, true);
      String idNumber = typedId == null ? null : typedId.replace(" ", "");
      if (idNumber != null) {
        // Excel turns 001085000123 typed into a number cell into 1085000123.
        String hint = idNumber.matches("\\d{10,11}")
            ? " (nếu nhập trong Excel, hãy định dạng ô là Text để giữ số 0 ở đầu)" : "";
        IdNumbers.problem(idNumber, null).ifPresent(p -> problem(p + hint));
      }
      String phone = text("phone", "số điện thoại", 15, false);
      if (phone != null) {
        phone = phone.replaceAll("[ .]", "");
        if (!ResidentListParser.PHONE.matcher(phone).matches()) {
          problem("số điện thoại \"" + phone + "\" không hợp lệ (10 chữ số, bắt đầu bằng 0)");
        }
      }
      String address = text("address", "địa chỉ", 300, true);
      int members = 0;
      String count = text("memberCount", "số nhân khẩu", 10, true);
      if (count != null) {
        if (count.matches("\\d{1,3}") && Integer.parseInt(count) >= 1 && Integer.parseInt(count) <= 50) {
          members = Integer.parseInt(count);
        } else {
          problem("số nhân khẩu \"" + count + "\" phải là số từ 1 đến 50");
        }
      }
      String code = text("householdCode", "số hộ khẩu", 20, false);
      if (code != null && !HOUSEHOLD_CODE.matcher(code).matches()) {
        problem("số hộ khẩu \"" + code + "\" chỉ gồm chữ, số, \"/\" và \"-\"");
      }
      return new HouseholdDraft(head, representative, idNumber, phone, address, members, code);
    }

    private String name(String field, String label) {
      String name = text(field, label, 100, true);
      if (name == null) {
        return null;
      }
      name = name.replaceAll("\\s+", " ");
      if (!ResidentListParser.NAME.matcher(name).matches()) {
        problem(label + " \"" + name + "\" chỉ được gồm chữ cái và dấu cách");
      }
      return name;
    }

    private String text(String field, String label, int maxLength, boolean required) {
      JsonNode value = node.get(field);
      String text = value == null || value.isNull() ? null : value.asText().strip();
      if (text == null || text.isEmpty()) {
        if (required) {
          problem("thiếu " + label);
        }
        return null;
      }
      if (text.length() > maxLength) {
        problem(label + " dài " + text.length() + " ký tự, tối đa " + maxLength);
        return null;
      }
      return text;
    }

    void problem(String text) {
      String who = node.isObject() && node.hasNonNull("headName") && node.get("headName").asText().length() <= 100
          ? " (chủ hộ " + node.get("headName").asText().strip() + ")" : "";
      problems.add("Hộ thứ " + number + who + ": " + text + ".");
    }
  }
}
