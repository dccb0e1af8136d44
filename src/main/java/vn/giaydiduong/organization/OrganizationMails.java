package vn.giaydiduong.organization;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.mail.Mailer;
import vn.giaydiduong.mail.SentMails;
import vn.giaydiduong.organization.OrganizationStore.LinkPurpose;
import vn.giaydiduong.pass.Applicant;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * The mails an organization receives along the procedure. Each carries the reference, and those that ask for
 * the staff list a fresh secret upload link; replies go to the ward's first mailbox, which the app polls.
 */
@Component
public class OrganizationMails {

  private final Mailer mailer;
  private final SentMails sentMails;
  private final OrganizationStore organizations;
  private final ApplicationStore applications;
  private final WardRegistry wards;
  private final WardMailboxes mailboxes;
  private final String baseUrl;

  public OrganizationMails(Mailer mailer, SentMails sentMails, OrganizationStore organizations, ApplicationStore applications,
      WardRegistry wards, WardMailboxes mailboxes, @Value("${giaydiduong.public-base-url}") String baseUrl) {
    this.mailer = mailer;
    this.sentMails = sentMails;
    this.organizations = organizations;
    this.applications = applications;
    this.wards = wards;
    this.mailboxes = mailboxes;
    this.baseUrl = baseUrl;
  }

  /** Confirmation (or, with {@code reminder}, the one reminder): send the list by {@code deadline}. */
  public void askForStaffList(long applicationId, String waitDuration, boolean reminder) {
    Map<String, Object> model = model(applicationId);
    String token = organizations.newLink(applicationId, LinkPurpose.UPLOAD);
    model.put("uploadLink", baseUrl + StaffListUploadController.BASE + "/nop-danh-sach/" + token);
    model.put("templateXlsx", baseUrl + StaffListUploadController.BASE + "/mau-danh-sach.xlsx");
    model.put("templateCsv", baseUrl + StaffListUploadController.BASE + "/mau-danh-sach.csv");
    model.put("deadline", Dates.format(deadline(waitDuration)));
    send(applicationId, reminder ? "organization-reminder" : "organization-confirmation", model, List.of());
  }

  public void registrationClosed(long applicationId) {
    send(applicationId, "organization-closed", model(applicationId), List.of());
  }

  /** One mail listing every rejected person with the reason. */
  public void rejections(long applicationId, List<Applicant> rejected) {
    Map<String, Object> model = model(applicationId);
    model.put("rejected", rejected.stream().map(a -> Map.of("position", a.position(), "fullName", a.fullName(),
        "idNumber", IdNumbers.mask(a.idNumber()), "reason", a.decisionReason())).toList());
    // Keyed by who is listed: a later review's rejections are another mail, a retry of this one is not.
    send(applicationId, "organization-rejections:" + rejected.stream().map(a -> String.valueOf(a.id())).sorted()
        .reduce((a, b) -> a + "," + b).map(SentMails::digest).orElse(""), "organization-rejections", model,
        List.of());
  }

  /** The stamped passes as the print bundle, attached and behind a secret download link. */
  public void printBundle(long applicationId, byte[] pdf, int passCount) {
    Map<String, Object> model = model(applicationId);
    String token = organizations.newLink(applicationId, LinkPurpose.DOWNLOAD);
    model.put("downloadLink", baseUrl + StaffListUploadController.BASE + "/giay-di-duong/" + token);
    model.put("passCount", passCount);
    String filename = ProcessVariables.reference(applicationId).toLowerCase() + "-giay-di-duong.pdf";
    send(applicationId, "organization-passes", model, List.of(new Mailer.Attachment(filename, "application/pdf",
        pdf)));
  }

  private void send(long applicationId, String template, Map<String, Object> model,
      List<Mailer.Attachment> attachments) {
    send(applicationId, template, template, model, attachments);
  }

  /** At most once per case and {@code purpose}, however often the job runs (see {@link SentMails}). */
  private void send(long applicationId, String purpose, String template, Map<String, Object> model,
      List<Mailer.Attachment> attachments) {
    Organization organization = organizations.get(applicationId);
    sentMails.sendOnce(applicationId, purpose, () -> mailer.send(organization.email(), template, model,
        new Mailer.Options((String) model.get("wardMailbox"), null, attachments)));
  }

  private Map<String, Object> model(long applicationId) {
    Organization o = organizations.get(applicationId);
    Ward ward = wards.get(applications.get(applicationId).wardCode());
    Map<String, Object> model = new HashMap<>();
    model.put("reference", ProcessVariables.reference(applicationId));
    model.put("organization", o);
    model.put("validFrom", Dates.format(o.validFrom()));
    model.put("validUntil", Dates.format(o.validUntil()));
    model.put("wardName", ward.name());
    model.put("districtName", ward.districtName());
    model.put("wardOfficeName", "UBND " + ward.name());
    model.put("wardMailbox", mailboxes.address(ward, 1));
    return model;
  }

  /** The day a wait of {@code isoDuration} (P3D, or PT10M in a test) ends, counted from today. */
  static LocalDate deadline(String isoDuration) {
    LocalDate today = Dates.today();
    if (isoDuration.contains("T")) {
      return today.plusDays(Duration.parse(isoDuration).toDays());
    }
    return today.plus(Period.parse(isoDuration));
  }
}
