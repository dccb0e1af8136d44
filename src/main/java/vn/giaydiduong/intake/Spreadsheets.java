package vn.giaydiduong.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;

/**
 * Reads the lists people send as spreadsheets (Excel .xlsx, or CSV text in UTF-8) into rows of cell texts with
 * the row numbers and column letters the sender sees, so every message can name the cell. Files are untrusted:
 * size, entries and unpacked size are bounded before the workbook is parsed, the sheet is read as a stream with
 * Apache POI's event API (XML parsers without external entities), rows are bounded as they are read, and formulas
 * are handed over as formulas, never evaluated (a cached result may be stale; evaluating a stranger's formulas is
 * an attack surface). The old binary Excel format (.xls) is refused with the way to convert it.
 */
public final class Spreadsheets {

  /** A real workbook has a dozen parts; thousands of tiny entries are an attack on the unpacker. */
  static final int MAX_ZIP_ENTRIES = 200;
  /** XML compresses about 10 to 30 times; beyond 100 times it is padding, not a list (POI's own default too). */
  static final int MAX_INFLATE_RATIO = 100;

  /** The largest part of any list's workbook: above the staff list's 32 MB bound, far below POI's default 4 GB. */
  static final long MAX_PART_BYTES = 32L * 1024 * 1024;

  static {
    // POI's own zip-bomb guards, behind checkZip, for every package POI opens in this JVM (they are static):
    // the same ratio and entry count, and a part size bound instead of POI's 4 GB default.
    ZipSecureFile.setMinInflateRatio(1.0 / MAX_INFLATE_RATIO);
    ZipSecureFile.setMaxFileCount(MAX_ZIP_ENTRIES);
    ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
    ZipSecureFile.setMaxTextSize(MAX_PART_BYTES);
  }

  /**
   * What one kind of list may be: {@code maxItems} people or households below at most {@code extraRows} title and
   * header rows; {@code listName} and {@code unit} word the messages ("danh sách hộ gia đình", "hộ").
   */
  public record Limits(String listName, String unit, int maxItems, int extraRows, int maxFileBytes,
      long maxUnpackedBytes) {

    int maxRows() {
      return maxItems + extraRows;
    }
  }

  /**
   * One non-empty cell: its text stripped of surrounding blanks; {@code number} if the sheet stored a number (ID and
   * phone numbers typed that way have lost their leading zeros); {@code date} for date-formatted numbers (text is
   * then dd/MM/yyyy); {@code formula} (without "=") for formula cells, whose text is never their cached result.
   */
  public record Cell(int column, String text, boolean number, LocalDate date, String formula) {

    static Cell empty(int column) {
      return new Cell(column, "", false, null, null);
    }

    public boolean isFormula() {
      return formula != null;
    }

    /** Column letters as the spreadsheet shows them: 0 is A, 26 is AA. */
    public static String letters(int column) {
      return CellReference.convertNumToColString(column);
    }

    /** What to tell the sender about a formula cell, after the cell is named. */
    public String formulaProblem() {
      String shown = formula.isEmpty() ? "" : " (=" + (formula.length() <= 40 ? formula
          : formula.substring(0, 40) + "…") + ")";
      return "ô chứa công thức" + shown + "; hãy dán giá trị thay cho công thức (Paste Special → Values)";
    }
  }

  /**
   * A row with at least one non-blank cell, numbered from 1 as the spreadsheet shows it; cells by column.
   * {@code width} counts columns as the sender laid them out: a CSV line's fields (empty ones too), a sheet's
   * columns up to the last non-blank cell.
   */
  public record Row(int number, List<Cell> cells, int width) {

    /** The cell in {@code column}, empty if there is none. */
    public Cell cell(int column) {
      int at = Collections.binarySearch(cells, Cell.empty(column), BY_COLUMN);
      return at >= 0 ? cells.get(at) : Cell.empty(column);
    }
  }

  private static final Comparator<Cell> BY_COLUMN = Comparator.comparingInt(Cell::column);

  private Spreadsheets() {
  }

  /**
   * A file recognised by its content, not its name: .xlsx (a zip), refused .xls (OLE2), otherwise CSV text.
   * {@code label} names the file in messages ("Tệp tải lên", "Tệp \"ds.xlsx\"").
   */
  public static List<Row> read(String label, byte[] content, Limits limits) {
    if (content == null || content.length == 0) {
      throw new InvalidInputException(label + " đang trống.");
    }
    if (content.length > limits.maxFileBytes()) {
      throw new InvalidInputException(label + " lớn quá " + limits.maxFileBytes() / 1024 / 1024
          + " MB: hãy chia danh sách thành nhiều tệp.");
    }
    if (FileTypes.isOle2(content)) {
      throw new InvalidInputException(label + " là tệp Excel đời cũ (.xls) không được nhận: hãy mở bằng Excel và "
          + "lưu lại dạng \"Excel Workbook (.xlsx)\" hoặc \"CSV UTF-8\".");
    }
    if (FileTypes.isZip(content)) {
      return readXlsx(label, content, limits);
    }
    if (FileTypes.hasNul(content)) {
      throw unreadable(label);
    }
    String text = utf8(label, content);
    String firstLine = text.lines().findFirst().orElse("");
    return readCsv(label, text, mostFrequent(firstLine, ',', ';', '\t'), limits);
  }

  /** Rows pasted into a form or decoded from a CSV file, cells separated by {@code delimiter}. */
  public static List<Row> readCsv(String label, String text, char delimiter, Limits limits) {
    // Blank lines are kept as records so rows are numbered as a spreadsheet opening the file numbers them.
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    List<Row> rows = new ArrayList<>();
    int number = 0;
    try (CSVParser parser = format.parse(new StringReader(text))) {
      for (CSVRecord record : parser) {
        if (++number > limits.maxRows()) {
          throw tooMany(limits);
        }
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < record.size(); c++) {
          String cell = record.get(c).strip();
          if (!cell.isEmpty()) {
            cells.add(new Cell(c, cell, false, null, null));
          }
        }
        if (!cells.isEmpty()) {
          rows.add(new Row(number, cells, record.size()));
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new InvalidInputException(label + " không đọc được như CSV (khoảng dòng " + (number + 1) + "): "
          + "có thể thiếu dấu ngoặc kép đóng.");
    }
    return rows;
  }

  private static List<Row> readXlsx(String label, byte[] content, Limits limits) {
    checkZip(label, content, limits);
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
      XSSFReader reader = new XSSFReader(pkg);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new InvalidInputException(label + " không có trang tính nào.");
      }
      SheetHandler handler = new SheetHandler(new ReadOnlySharedStringsTable(pkg, false),
          reader.getStylesTable(), limits);
      try (InputStream sheet = sheets.next()) {
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(handler);
        xml.parse(new InputSource(sheet));
      }
      return handler.rows;
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
      if (e.getCause() instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw unreadable(label);
    }
  }

  /**
   * Unpacks every entry once, counting, before POI sees the file: the same local-header view POI's
   * {@code OPCPackage.open(InputStream)} reads, so nothing it unpacks escapes the count.
   */
  private static void checkZip(String label, byte[] content, Limits limits) {
    long unpacked = 0;
    int entries = 0;
    byte[] buffer = new byte[8192];
    try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(content))) {
      for (ZipArchiveEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (++entries > MAX_ZIP_ENTRIES) {
          throw zipBomb(label, limits, "hơn " + MAX_ZIP_ENTRIES + " phần bên trong");
        }
        for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
          unpacked += n;
          if (unpacked > limits.maxUnpackedBytes()) {
            throw zipBomb(label, limits, "giải nén ra quá " + limits.maxUnpackedBytes() / 1024 / 1024 + " MB");
          }
        }
        // Small parts may compress well beyond the ratio; only large ones are judged, as POI does.
        if (zip.getUncompressedCount() > 100 * 1024
            && zip.getUncompressedCount() > zip.getCompressedCount() * MAX_INFLATE_RATIO) {
          throw zipBomb(label, limits, "giải nén lớn gấp hơn " + MAX_INFLATE_RATIO + " lần tệp gửi");
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw unreadable(label);
    }
  }

  private static InvalidInputException zipBomb(String label, Limits limits, String why) {
    return new InvalidInputException(label + " bị từ chối: nội dung nén bất thường (" + why + "), không phải một "
        + limits.listName() + " bình thường.");
  }

  private static InvalidInputException unreadable(String label) {
    return new InvalidInputException(label + " không đọc được: không phải bảng tính Excel (.xlsx) hay CSV hợp lệ, "
        + "hoặc tệp hỏng hay có mật khẩu. Hãy lưu danh sách từ Excel dạng \"Excel Workbook (.xlsx)\" hoặc "
        + "\"CSV UTF-8\" rồi gửi lại.");
  }

  private static InvalidInputException tooMany(Limits limits) {
    return new InvalidInputException("Danh sách có hơn " + limits.maxItems() + " " + limits.unit() + ", vượt quá "
        + limits.maxItems() + " " + limits.unit() + " một lần gửi: hãy chia thành nhiều danh sách.");
  }

  private static String utf8(String label, byte[] content) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
      // Excel's "CSV UTF-8" starts with a byte order mark.
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(label + " không ở dạng UTF-8 (có ký tự không phải mã UTF-8) nên tiếng Việt "
          + "sẽ bị lỗi: trong Excel hãy chọn Lưu thành \"CSV UTF-8 (Comma delimited) (*.csv)\", hoặc gửi tệp .xlsx.");
    }
  }

  /** The delimiter of a CSV file: whichever of {@code candidates} its first line has most of. */
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

  /**
   * The first sheet's cells from its XML ({@code <row r="4"><c r="B4" t="s" s="1"><f>…</f><v>…</v></c>}), with
   * shared strings and number formats looked up as POI's {@code XSSFSheetXMLHandler} does, but keeping what kind
   * of value each cell held.
   */
  private static final class SheetHandler extends DefaultHandler {
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final Limits limits;
    final List<Row> rows = new ArrayList<>();

    private int rowNumber;
    private List<Cell> cells;
    private int column;
    private String type;
    private String style;
    private StringBuilder value;
    private StringBuilder formula;
    private final StringBuilder text = new StringBuilder();
    private boolean inText;
    private boolean inPhonetic;

    SheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles, Limits limits) {
      this.strings = strings;
      this.styles = styles;
      this.limits = limits;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      switch (localName) {
        case "row" -> {
          String r = attributes.getValue("r");
          rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
          if (rowNumber > limits.maxRows()) {
            throw tooMany(limits);
          }
          cells = new ArrayList<>();
          column = -1;
        }
        case "c" -> {
          String r = attributes.getValue("r");
          column = r == null ? column + 1 : new CellReference(r).getCol();
          type = attributes.getValue("t");
          style = attributes.getValue("s");
          value = null;
          formula = null;
          text.setLength(0);
        }
        case "v" -> {
          value = new StringBuilder();
          inText = true;
        }
        case "f" -> {
          formula = new StringBuilder();
          inText = true;
        }
        case "t" -> inText = !inPhonetic;
        case "rPh" -> inPhonetic = true;
        default -> {
        }
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (!inText) {
        return;
      }
      if (formula != null && value == null) {
        formula.append(ch, start, length);
      } else if (value != null) {
        value.append(ch, start, length);
      } else {
        text.append(ch, start, length);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      switch (localName) {
        case "v", "f", "t" -> inText = false;
        case "rPh" -> inPhonetic = false;
        case "c" -> {
          Cell cell = cell();
          if (cell.isFormula() || !cell.text().isEmpty()) {
            cells.add(cell);
          }
        }
        case "row" -> {
          if (!cells.isEmpty()) {
            cells.sort(BY_COLUMN);
            rows.add(new Row(rowNumber, cells, cells.get(cells.size() - 1).column() + 1));
          }
        }
        default -> {
        }
      }
    }

    private Cell cell() {
      if (formula != null) {
        return new Cell(column, "=" + formula, false, null, formula.toString());
      }
      String raw = value == null ? "" : value.toString();
      if ("s".equals(type)) {
        return textCell(raw.isBlank() ? "" : strings.getItemAt(Integer.parseInt(raw.strip())).getString());
      }
      if ("inlineStr".equals(type)) {
        return textCell(text.toString());
      }
      if ("b".equals(type)) {
        return textCell("1".equals(raw) ? "true" : "false");
      }
      if ("d".equals(type) && raw.length() >= 10) {
        LocalDate date = LocalDate.parse(raw.substring(0, 10));
        return new Cell(column, Dates.format(date), false, date, null);
      }
      if ((type != null && !"n".equals(type)) || raw.isBlank()) {
        return textCell(raw);
      }
      double number = Double.parseDouble(raw);
      if (style != null && styles != null) {
        XSSFCellStyle cellStyle = styles.getStyleAt(Integer.parseInt(style));
        if (cellStyle != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString())
            && DateUtil.isValidExcelDate(number)) {
          LocalDate date = DateUtil.getLocalDateTime(number).toLocalDate();
          return new Cell(column, Dates.format(date), false, date, null);
        }
      }
      // Excel stores "4" as 4.0 and 001090000123 typed as a number as 1.090000123E9.
      String plain = new BigDecimal(Double.toString(number)).stripTrailingZeros().toPlainString();
      return new Cell(column, plain, true, null, null);
    }

    private Cell textCell(String text) {
      return new Cell(column, text.strip(), false, null, null);
    }
  }
}
