package vn.giaydiduong.organization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.engine.MarkdownText;
import vn.giaydiduong.pass.Decision;

/**
 * Fills the review form each time the review task is created, first after the list arrived and again when the ward
 * police return it: the people still to decide with job title and flags, and links to the files the
 * organization sent. Only reads; the registry stays the source of truth.
 */
@Component("showStaffForReview")
public class ShowStaffForReview implements TaskListener {

  private final StaffMembers staff;
  private final StaffListSubmissions submissions;
  private final ObjectMapper json;

  private final Cases cases;

  public ShowStaffForReview(Cases cases, StaffMembers staff, StaffListSubmissions submissions, ObjectMapper json) {
    this.cases = cases;
    this.staff = staff;
    this.submissions = submissions;
    this.json = json;
  }

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    long id = cases.idOf(execution);
    var rows = staff.rows(id, Decision.PENDING).stream().map(r -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("position", r.position());
      row.put("fullName", r.fullName());
      row.put("dateOfBirth", Dates.format(r.dateOfBirth()));
      row.put("idNumber", r.idNumber());
      row.put("phone", r.phone() == null ? "" : r.phone());
      row.put("jobTitle", r.jobTitle());
      row.put("address", r.address());
      row.put("flags", r.flags() == null ? "" : r.flags());
      return row;
    }).toList();
    try {
      ProcessVariables.APPLICANTS.setTyped(execution, SpinValues.jsonValue(json.writeValueAsString(rows)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ProcessVariables.DOCUMENTS.set(execution, submissions.acceptedFiles(id).stream()
        .map(f -> "- [" + MarkdownText.escape(f.filename()) + "](/api/staff-list-files/" + f.id() + ") ("
            + Math.max(1, f.size() / 1024) + " KB" + (f.staffList() ? ", danh sách" : "") + ")")
        .collect(Collectors.joining("\n")));
  }
}
