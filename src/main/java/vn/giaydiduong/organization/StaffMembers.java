package vn.giaydiduong.organization;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.giaydiduong.intake.ApplicantDraft;
import vn.giaydiduong.intake.StaffMember;
import vn.giaydiduong.pass.Applicant;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.PassRegistry;

/**
 * The people of an organization's staff list: stored as applicants of the registration (so review, numbering,
 * stamping and delivery are the same as for individuals) with what only a staff list has, the job title and row,
 * and what the reviewer must look at: an ID number twice on the list, or one that already holds a valid pass.
 */
@Repository
public class StaffMembers {

  /** A person as the review form shows them. */
  public record Row(int position, String fullName, LocalDate dateOfBirth, String idNumber, String phone,
      String jobTitle, String address, String flags) {
  }

  private final JdbcClient jdbc;
  // JdbcClient has no batch API; a staff list of thousands is inserted in one JDBC batch.
  private final JdbcTemplate batch;
  private final ApplicationStore applications;
  private final PassRegistry registry;

  public StaffMembers(JdbcClient jdbc, JdbcTemplate batch, ApplicationStore applications, PassRegistry registry) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.applications = applications;
    this.registry = registry;
  }

  /** Adds the list to the registration; returns how many people were flagged for the reviewer. */
  public int add(long applicationId, Organization o, List<StaffMember> members, LocalDate today) {
    applications.addApplicants(applicationId, members.stream().map(m -> new ApplicantDraft(m.fullName(),
        m.dateOfBirth(), m.idNumber(), m.phone(), m.email(), m.address(), o.name(), o.address(), o.purpose(),
        o.validFrom(), o.validUntil())).toList());
    List<String> flags = flags(members, today);
    List<Applicant> stored = applications.applicants(applicationId);
    List<Applicant> added = stored.subList(stored.size() - members.size(), stored.size());
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      rows.add(new Object[] {added.get(i).id(), members.get(i).jobTitle(), members.get(i).row(), flags.get(i)});
    }
    batch.batchUpdate("insert into staff_member (applicant_id, job_title, sheet_row, flags) values (?, ?, ?, ?)",
        rows);
    return (int) flags.stream().filter(f -> f != null).count();
  }

  private List<String> flags(List<StaffMember> members, LocalDate today) {
    Map<String, List<Integer>> rowsById = new LinkedHashMap<>();
    members.forEach(m -> rowsById.computeIfAbsent(m.idNumber(), k -> new ArrayList<>()).add(m.row()));
    Set<String> holders = registry.holdersOfValidPasses(List.copyOf(rowsById.keySet()), today);
    List<String> flags = new ArrayList<>();
    for (StaffMember m : members) {
      List<String> notes = new ArrayList<>();
      List<Integer> others = rowsById.get(m.idNumber()).stream().filter(r -> r != m.row()).toList();
      if (!others.isEmpty()) {
        notes.add("Trùng số CCCD/CMND với dòng " + others.stream().map(String::valueOf)
            .collect(Collectors.joining(", ")));
      }
      if (holders.contains(m.idNumber())) {
        notes.add("Đang có giấy đi đường còn hiệu lực");
      }
      flags.add(notes.isEmpty() ? null : String.join("; ", notes));
    }
    return flags;
  }

  // Explicit mapper: a staff list has thousands of rows, where query(Row.class) is measured far slower (see
  // ApplicationStore's applicant mapper).
  public List<Row> rows(long applicationId, Decision decision) {
    return jdbc.sql("select a.position, a.full_name, a.date_of_birth, a.id_number, a.phone, s.job_title, "
            + "a.address, s.flags from applicant a join staff_member s on s.applicant_id = a.id "
            + "where a.application_id = ? and a.decision = ? order by a.position")
        .params(applicationId, decision.name())
        .query((rs, n) -> new Row(rs.getInt(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
        .list();
  }
}
