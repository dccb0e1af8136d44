package vn.giaydiduong.casework;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.IdNumbers;
import vn.giaydiduong.mail.Mailer;
import vn.giaydiduong.mail.SentMails;
import vn.giaydiduong.pass.Applicant;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Emails every rejected person who gave an address and has not been told yet. Each sent mail is recorded in a
 * transaction of its own, so when the SMTP server fails half-way the retried job sends only the rest: nobody
 * gets the same mail twice, nobody is skipped. {@link SentMails} keeps it so when two executions of the job
 * overlap. People without an address are told by their CSKV.
 */
@Component("emailRejections")
public class EmailRejections implements JavaDelegate {

  private final ApplicationStore applications;
  private final WardRegistry wards;
  private final Mailer mailer;
  private final SentMails sentMails;
  private final TransactionTemplate ownTransaction;

  private final Cases cases;

  public EmailRejections(Cases cases, ApplicationStore applications, WardRegistry wards, Mailer mailer,
      SentMails sentMails, PlatformTransactionManager transactions) {
    this.cases = cases;
    this.applications = applications;
    this.wards = wards;
    this.mailer = mailer;
    this.sentMails = sentMails;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void execute(DelegateExecution execution) {
    long applicationId = cases.idOf(execution);
    ApplicationStore.Application application = applications.get(applicationId);
    Ward ward = wards.get(application.wardCode());
    for (Applicant a : applications.applicants(applicationId, Decision.REJECTED)) {
      if (a.email() == null || a.rejectionNotifiedAt() != null) {
        continue;
      }
      // Keyed by the reason too: a person rejected again after a later review is told again.
      sentMails.sendOnce(applicationId, "rejection:" + a.id() + ":" + SentMails.digest(String.valueOf(
          a.decisionReason())), () -> mailer.send(a.email(), "rejection", Map.of(
          "fullName", a.fullName(),
          "maskedIdNumber", IdNumbers.mask(a.idNumber()),
          "registeredOn", Dates.format(application.registeredAt().atZoneSameInstant(Dates.HANOI).toLocalDate()),
          "reason", a.decisionReason(),
          "wardName", ward.name(),
          "districtName", ward.districtName(),
          "wardOfficeName", "UBND " + ward.name())));
      ownTransaction.executeWithoutResult(status -> applications.markRejectionNotified(a.id()));
    }
  }
}
