package vn.giaydiduong.pass;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.intake.ApplicantDraft;

@SpringBootTest
@ActiveProfiles("test")
class PassDocumentsTest {

  @Autowired PassDocuments documents;
  @Autowired ApplicationStore applications;
  @Autowired PassRegistry registry;
  @Autowired PlatformTransactionManager transactionManager;

  @Test
  void theBundleIsStoredWithItsProgressComplete() throws Exception {
    long id = issued(9);
    assertThat(documents.progress(id)).isEmpty();

    documents.renderBundle(id);

    assertThat(documents.progress(id)).hasValueSatisfying(p -> {
      assertThat(p.rendered()).isEqualTo(9);
      assertThat(p.total()).isEqualTo(9);
      assertThat(p.done()).isTrue();
    });
    try (PDDocument pdf = Loader.loadPDF(documents.bundle(id).orElseThrow())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(3);
    }
  }

  /** The step's own transaction is open while it renders; the progress must be visible to others meanwhile. */
  @Test
  void progressIsCommittedOnItsOwnWhileTheRenderingTransactionIsStillOpen() {
    long id = issued(5);
    TransactionTemplate step = new TransactionTemplate(transactionManager);

    step.executeWithoutResult(tx -> {
      documents.renderBundle(id);
      tx.setRollbackOnly();
    });

    assertThat(documents.bundle(id)).as("rolled back with the step").isEmpty();
    assertThat(documents.progress(id)).hasValueSatisfying(p -> assertThat(p.rendered()).isEqualTo(5));
  }

  private long issued(int count) {
    long id = applications.createApplication(PassKind.ORGANIZATION, "00004", "cskv.trucbach", null);
    applications.setOrganizationName(id, "Công ty TNHH Thực phẩm Sạch Hà Nội");
    List<ApplicantDraft> people = new ArrayList<>();
    LocalDate today = LocalDate.now();
    for (int i = 0; i < count; i++) {
      people.add(new ApplicantDraft("Trần Thị Ánh " + i, LocalDate.of(1990, 1, 1 + i),
          "0011900%05d".formatted(id * 100 + i), null, null, "Số " + i + " phố Hòe Nhai",
          "Công ty TNHH Thực phẩm Sạch Hà Nội",
          "Chợ Long Biên", "Vận chuyển hàng hóa thiết yếu", today, today.plusDays(7)));
    }
    applications.addApplicants(id, people);
    applications.decide(id, Map.of(), "canbo.trucbach");
    for (Pass pass : registry.number(applications.get(id), applications.applicants(id, Decision.APPROVED))) {
      registry.markStamped(pass.passNumber(), "HN1:" + "6BF".repeat(80) + pass.passNumber().replace("-", ""),
          "cat-test", "congan.trucbach", OffsetDateTime.now());
    }
    return id;
  }
}
