package vn.giaydiduong.testing;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What several nodes on one database must never do, read from the database and the mail server after
 * {@link IndividualPassWorkload} runs: a job that succeeded twice, a job that failed, an open incident, a case
 * left running, a ward's pass numbers with a gap or out of step with its delivered lists, a mail sent twice or
 * not at all. Returns the problems found, empty when none.
 */
public final class ExactlyOnceChecks {

  private ExactlyOnceChecks() {
  }

  /**
   * @param lists individual-pass lists delivered in total; each issued {@code listSize - 1} passes and sent one
   *     rejection mail (its last person)
   */
  public static List<String> problems(String jdbcUrl, GreenMail mail, int lists, int listSize) {
    List<String> problems = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        Statement sql = db.createStatement()) {
      expectNone(sql, problems, "jobs that succeeded more than once",
          "select job_id_ || ' ' || act_id_ || ' x' || count(*) from act_hi_job_log where job_state_ = 2 "
              + "group by job_id_, act_id_ having count(*) > 1");
      expectNone(sql, problems, "failed job runs",
          "select act_id_ || ': ' || job_exception_msg_ from act_hi_job_log where job_state_ = 1");
      expectNone(sql, problems, "incidents", "select activity_id_ || ': ' || incident_msg_ from act_ru_incident");
      expectNone(sql, problems, "cases still running", "select proc_inst_id_ from act_ru_execution "
          + "where parent_id_ is null and proc_def_id_ like '" + IndividualPassWorkload.APP_KEY + ":%'");
      expectNone(sql, problems, "wards whose numbers have a gap", "select ward_code || ': ' || count(*) || ' passes, "
          + "highest ' || max(cast(substring(pass_number from 7) as int)) from pass group by ward_code "
          + "having count(*) <> max(cast(substring(pass_number from 7) as int))");
      long passes = single(sql, "select count(*) from pass where status <> 'REVOKED'");
      if (passes != (long) lists * (listSize - 1)) {
        problems.add(passes + " passes for " + lists + " lists of " + listSize);
      }
      long sent = single(sql, "select count(*) from sent_mail where sent_at is not null");
      if (sent != lists) {
        problems.add(sent + " mails recorded sent for " + lists + " lists");
      }
    } catch (SQLException e) {
      problems.add("reading the database: " + e);
    }
    Map<String, Long> perRecipient = new TreeMap<>(received(mail).stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
    if (perRecipient.size() != lists) {
      problems.add(perRecipient.size() + " recipients got mail for " + lists + " lists");
    }
    perRecipient.forEach((to, count) -> {
      if (count != 1) {
        problems.add(to + " got " + count + " mails");
      }
    });
    return problems;
  }

  private static List<String> received(GreenMail mail) {
    List<String> recipients = new ArrayList<>();
    try {
      for (MimeMessage message : mail.getReceivedMessages()) {
        for (Address to : message.getAllRecipients()) {
          recipients.add(to.toString());
        }
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return recipients;
  }

  private static void expectNone(Statement sql, List<String> problems, String what, String query)
      throws SQLException {
    List<String> found = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        found.add(rows.getString(1));
      }
    }
    if (!found.isEmpty()) {
      problems.add(found.size() + " " + what + ": " + found.subList(0, Math.min(5, found.size())));
    }
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
