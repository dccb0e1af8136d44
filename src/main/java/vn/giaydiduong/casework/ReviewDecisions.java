package vn.giaydiduong.casework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.giaydiduong.common.InvalidInputException;

/**
 * A ward official's decision on a list: approve everyone, reject everyone with one reason, or approve everyone
 * except the listed people, one per line as {@code <STT>: <lý do>}. Listing exceptions scales to lists of
 * hundreds where a per-person control would not; the official works from the list's numbers (STT).
 */
public final class ReviewDecisions {

  private static final Pattern LINE = Pattern.compile("\\s*(\\d{1,5})\\s*[:.)–-]\\s*(.*)");
  private static final int MIN_REASON = 5;
  private static final int MAX_REASON = 500;

  private ReviewDecisions() {
  }

  /** Rejected positions with their reasons (in list order); everyone else in {@code positions} is approved. */
  public static Map<Integer, String> rejections(ReviewOutcome outcome, String rejectAllReason, String rejectionLines,
      Set<Integer> positions) {
    if (outcome == ReviewOutcome.APPROVE_ALL) {
      return Map.of();
    }
    if (outcome == ReviewOutcome.REJECT_ALL) {
      List<String> problems = new ArrayList<>();
      String reason = reason(rejectAllReason, "Lý do từ chối tất cả", problems);
      if (reason == null) {
        throw new InvalidInputException(problems);
      }
      Map<Integer, String> all = new LinkedHashMap<>();
      positions.stream().sorted().forEach(p -> all.put(p, reason));
      return all;
    }
    if (outcome != ReviewOutcome.PARTIAL) {
      throw new InvalidInputException("Hãy chọn kết quả xét duyệt: duyệt tất cả, từ chối tất cả, "
          + "hoặc duyệt trừ những người bị từ chối.");
    }
    if (rejectionLines == null || rejectionLines.isBlank()) {
      throw new InvalidInputException("Hãy ghi những người bị từ chối, mỗi dòng \"STT: lý do\".");
    }
    List<String> problems = new ArrayList<>();
    Map<Integer, String> rejected = new LinkedHashMap<>();
    String[] lines = rejectionLines.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String where = "Dòng " + (i + 1) + " (\"" + abbreviate(lines[i].strip()) + "\")";
      Matcher m = LINE.matcher(lines[i]);
      if (!m.matches()) {
        problems.add(where + ": phải có dạng \"STT: lý do\", ví dụ \"2: Không thuộc đối tượng được cấp\".");
        continue;
      }
      int position = Integer.parseInt(m.group(1));
      if (!positions.contains(position)) {
        problems.add(where + ": không có người số thứ tự " + position + " trong danh sách chờ duyệt.");
      } else if (rejected.containsKey(position)) {
        problems.add(where + ": người số " + position + " đã được ghi ở dòng trước.");
      } else {
        String reason = reason(m.group(2), where + ": lý do", problems);
        if (reason != null) {
          rejected.put(position, reason);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return rejected;
  }

  private static String reason(String text, String label, List<String> problems) {
    String reason = text == null ? "" : text.strip();
    String problem = reason.length() < MIN_REASON ? label + " phải ghi rõ (ít nhất " + MIN_REASON + " ký tự)."
        : reason.length() > MAX_REASON ? label + " dài quá " + MAX_REASON + " ký tự." : null;
    if (problem == null) {
      return reason;
    }
    problems.add(problem);
    return null;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
