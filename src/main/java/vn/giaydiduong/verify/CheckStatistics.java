package vn.giaydiduong.verify;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;

/**
 * What the checkpoints saw, for the supervisors: checks per Hanoi day, checkpoint and result. Like the check log
 * itself it knows no pass and no person, only how the checkpoints are doing (e.g. a checkpoint that suddenly sees
 * many forgeries, or none at all).
 */
@RestController
public class CheckStatistics {

  public record DailyCount(LocalDate day, String checkpointId, VerificationStatus status, long checks) {
  }

  static final int MAX_DAYS = 31;

  private final JdbcClient jdbc;
  private final Officials officials;

  public CheckStatistics(JdbcClient jdbc, Officials officials) {
    this.jdbc = jdbc;
    this.officials = officials;
  }

  @GetMapping(path = "/api/checks/daily", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<DailyCount> daily(@RequestParam(defaultValue = "7") int days) {
    if (!officials.currentUserSupervises()) {
      throw new AccessDeniedException("Chỉ giám sát viên mới xem được thống kê kiểm tra.");
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new InvalidInputException("Số ngày phải từ 1 đến " + MAX_DAYS + ".");
    }
    List<DailyCount> counts = new ArrayList<>();
    LocalDate today = Dates.today();
    // One grouped query per Hanoi day: day boundaries are computed here, whatever the database's time zone.
    for (LocalDate day = today.minusDays(days - 1L); !day.isAfter(today); day = day.plusDays(1)) {
      LocalDate current = day;
      // Explicit mapper: the day is the loop's, not a column.
      counts.addAll(jdbc.sql("select checkpoint_id, status, count(*) as checks from pass_check "
              + "where checked_at >= ? and checked_at < ? group by checkpoint_id, status "
              + "order by checkpoint_id, status")
          .params(current.atStartOfDay(Dates.HANOI).toOffsetDateTime(),
              current.plusDays(1).atStartOfDay(Dates.HANOI).toOffsetDateTime())
          .query((rs, n) -> new DailyCount(current, rs.getString("checkpoint_id"),
              VerificationStatus.valueOf(rs.getString("status")), rs.getLong("checks")))
          .list());
    }
    return counts;
  }
}
