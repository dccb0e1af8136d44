package vn.giaydiduong.organization;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.Cases;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;

/**
 * Stores the staff list the message brought, read again from the stored file (the file is the record, not what
 * the intake made of it), and flags duplicates and people who already hold a valid pass for the reviewer.
 */
@Component("recordStaffList")
public class RecordStaffList implements JavaDelegate {

  private final OrganizationStore organizations;
  private final StaffListSubmissions submissions;
  private final StaffListIntake intake;
  private final StaffMembers staff;

  private final Cases cases;

  public RecordStaffList(Cases cases, OrganizationStore organizations, StaffListSubmissions submissions,
      StaffListIntake intake,
      StaffMembers staff) {
    this.cases = cases;
    this.organizations = organizations;
    this.submissions = submissions;
    this.intake = intake;
    this.staff = staff;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = cases.idOf(execution);
    Organization organization = organizations.get(id);
    var list = submissions.staffList(ProcessVariables.STAFF_LIST_SUBMISSION_ID.get(execution));
    var members = intake.check(organization, list.filename(), list.content());
    int flagged = staff.add(id, organization, members, Dates.today());
    ProcessVariables.APPLICANT_COUNT.set(execution, members.size());
    ProcessVariables.FLAGGED_COUNT.set(execution, flagged);
  }
}
