package vn.giaydiduong.administration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.intake.Spreadsheets;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Reads and checks the officials an administrator creates: rows of a CSV/XLSX file or a paste (columns in
 * {@link #HEADERS} order below an optional header row), or the one-person form. Every problem is marked on its
 * row, in Vietnamese, before anything is created.
 */
@Component
public class OfficialRows {

  public static final List<String> HEADERS = List.of("Tên đăng nhập", "Họ và tên", "Mã phường", "Vai trò",
      "Email");
  public static final int MAX_OFFICIALS = 1000;

  static final Spreadsheets.Limits LIMITS = new Spreadsheets.Limits("danh sách cán bộ", "người", MAX_OFFICIALS, 1,
      2 * 1024 * 1024, 20L * 1024 * 1024);

  /** The user id pattern Camunda accepts here (generalResourceWhitelistPattern), in lower case. */
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
  private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} .'-]*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** One official to create, as read (fields stripped; ward code padded to 5 digits; role as its group id). */
  public record Official(String username, String fullName, String wardCode, String role, String email) {

    List<String> cells() {
      return List.of(username, fullName, wardCode, role, email);
    }
  }

  /** One row with where it came from, the ward's name if the code is known, and its problems. */
  public record Line(int line, Official official, String wardName, List<String> problems) {
  }

  private final IdentityService identityService;
  private final WardRegistry wards;
  private final ObjectMapper json;

  public OfficialRows(IdentityService identityService, WardRegistry wards, ObjectMapper json) {
    this.identityService = identityService;
    this.wards = wards;
    this.json = json;
  }

  /** A file (.xlsx or CSV in UTF-8, recognised by its content) or pasted rows. */
  public List<Line> read(byte[] file, String pasted) {
    List<Spreadsheets.Row> rows = file != null ? Spreadsheets.read("Tệp tải lên", file, LIMITS)
        : Spreadsheets.readCsv("Danh sách", pasted, delimiter(pasted), LIMITS);
    List<Official> officials = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (Spreadsheets.Row row : rows) {
      String first = row.cell(0).text().toLowerCase(Locale.ROOT);
      if (officials.isEmpty() && (first.startsWith("tên đăng nhập") || first.equals("username"))) {
        continue;
      }
      officials.add(new Official(row.cell(0).text(), row.cell(1).text(), row.cell(2).text(), row.cell(3).text(),
          row.cell(4).text()));
      lines.add(row.number());
    }
    return check(officials, lines);
  }

  /** Checks officials, numbered by {@code lines}; nothing is refused but an empty list. */
  public List<Line> check(List<Official> officials, List<Integer> lines) {
    if (officials.isEmpty()) {
      throw new InvalidInputException("Danh sách cán bộ đang trống: hãy nhập ít nhất một người.");
    }
    List<Line> checked = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < officials.size(); i++) {
      checked.add(checkOne(officials.get(i), lines.get(i), i + 1, seen));
    }
    return checked;
  }

  private Line checkOne(Official typed, int line, int number, Map<String, Integer> seen) {
    List<String> problems = new ArrayList<>();
    String who = "Người thứ " + number + " (dòng " + line + "): ";
    String username = typed.username().strip().toLowerCase(Locale.ROOT);
    if (username.isEmpty()) {
      problems.add(who + "thiếu tên đăng nhập.");
    } else if (username.length() > 64 || !USERNAME.matcher(username).matches()) {
      problems.add(who + "tên đăng nhập \"" + abbreviate(username) + "\" chỉ được gồm chữ không dấu, chữ số, "
          + "dấu chấm và gạch ngang (ví dụ cskv.phucxa2), tối đa 64 ký tự.");
    } else if (identityService.createUserQuery().userId(username).count() > 0) {
      problems.add(who + "đã có tài khoản \"" + username + "\": hãy chọn tên đăng nhập khác, hoặc thêm nhóm "
          + "cho tài khoản đó trong Admin.");
    } else if (seen.putIfAbsent(username, number) != null) {
      problems.add(who + "tên đăng nhập \"" + username + "\" trùng với người thứ " + seen.get(username) + ".");
    }
    String fullName = typed.fullName().strip().replaceAll("\\s+", " ");
    if (fullName.isEmpty()) {
      problems.add(who + "thiếu họ và tên.");
    } else if (fullName.length() > 100 || !NAME.matcher(fullName).matches() || !fullName.contains(" ")) {
      problems.add(who + "họ và tên \"" + abbreviate(fullName) + "\" phải gồm họ và tên, chỉ chữ cái và dấu "
          + "cách, tối đa 100 ký tự.");
    }
    String wardCode = typed.wardCode().strip();
    // Excel drops the leading zeros of 00001 typed into a number cell.
    if (wardCode.matches("\\d{1,5}")) {
      wardCode = "0".repeat(5 - wardCode.length()) + wardCode;
    }
    String wardName = null;
    if (wardCode.isEmpty()) {
      problems.add(who + "thiếu mã phường.");
    } else {
      var ward = wards.find(wardCode);
      if (ward.isPresent()) {
        wardName = ward.get().name() + ", " + ward.get().districtName();
      } else {
        problems.add(who + "mã phường \"" + abbreviate(wardCode) + "\" không có trong danh mục phường/xã của Hà "
            + "Nội (5 chữ số, ví dụ 00001 là Phường Phúc Xá).");
      }
    }
    String role = typed.role().strip().toLowerCase(Locale.ROOT);
    if (role.isEmpty()) {
      problems.add(who + "thiếu vai trò.");
    } else if (roleOf(role) == null) {
      problems.add(who + "vai trò \"" + abbreviate(role) + "\" không hợp lệ: cskv (cảnh sát khu vực), officials "
          + "(cán bộ phường) hoặc police (công an phường).");
    }
    String email = typed.email().strip();
    if (email.isEmpty()) {
      problems.add(who + "thiếu email.");
    } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      problems.add(who + "email \"" + abbreviate(email) + "\" không hợp lệ.");
    }
    return new Line(line, new Official(username, fullName, wardCode, role, email), wardName, problems);
  }

  static Role roleOf(String groupId) {
    for (Role role : Role.values()) {
      if (role.groupId().equals(groupId)) {
        return role;
      }
    }
    return null;
  }

  String toJson(List<Official> officials) {
    try {
      return json.writeValueAsString(officials);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  List<Official> fromJson(String content) {
    try {
      return json.readValue(content, new TypeReference<List<Official>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static char delimiter(String text) {
    String first = text.lines().findFirst().orElse("");
    return first.indexOf('\t') >= 0 ? '\t' : first.indexOf(';') >= 0 ? ';' : ',';
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
