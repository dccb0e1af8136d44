package vn.giaydiduong.pass;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.giaydiduong.pdf.PassPdfRenderer;
import vn.giaydiduong.pdf.PassPrint;
import vn.giaydiduong.rules.DayRule;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Printable passes. The print bundle of a list is rendered once after stamping and kept, as the record of what
 * was handed out; a single pass (one A6 page) is rendered on demand from the registry.
 */
@Service
public class PassDocuments {

  private final JdbcClient jdbc;
  private final ApplicationStore applications;
  private final HouseholdStore households;
  private final PassRegistry registry;
  private final WardRegistry wards;
  private final PassPdfRenderer renderer;
  private final TransactionTemplate newTransaction;
  private final BundleWorkDirectory workDirectory;

  PassDocuments(JdbcClient jdbc, ApplicationStore applications, HouseholdStore households,
      PassRegistry registry, WardRegistry wards, PassPdfRenderer renderer,
      PlatformTransactionManager transactionManager, BundleWorkDirectory workDirectory) {
    this.workDirectory = workDirectory;
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.jdbc = jdbc;
    this.applications = applications;
    this.households = households;
    this.registry = registry;
    this.wards = wards;
    this.renderer = renderer;
  }

  /** How far the rendering of a bundle has got, as a case list shows it. */
  public record BundleProgress(int rendered, int total, OffsetDateTime updatedAt) {

    public boolean done() {
      return rendered >= total;
    }
  }

  /**
   * Renders the bundle of the application's issued passes into a file of the {@link BundleWorkDirectory}, then
   * streams it into the database: a city-scale bundle is tens of megabytes and is never held in memory as a whole.
   * Progress is recorded in transactions of its own, so it is visible while the caller's transaction is still open.
   */
  public void renderBundle(long applicationId) {
    List<Pass> passes = registry.passes(applicationId, PassStatus.ISSUED);
    if (passes.isEmpty()) {
      throw new IllegalStateException("Hồ sơ " + applicationId + " không có giấy đã đóng dấu để in.");
    }
    List<PassPrint> prints = prints(applicationId, passes);
    recordProgress(applicationId, 0, prints.size()); // a re-render starts from nothing, not from the last "done"
    Path file = null;
    try {
      file = workDirectory.newFile(applicationId);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
        renderer.renderBundle(prints, out, rendered -> recordProgress(applicationId, rendered, prints.size()));
      }
      long size = Files.size(file);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
        jdbc.sql("insert into pass_document (application_id, content, pass_count, created_at) values (?, ?, ?, ?)")
            .params(applicationId, new SqlBinaryValue(in, size), prints.size(), OffsetDateTime.now())
            .update();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not buffer the print bundle of " + applicationId, e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** The progress of the latest bundle render of the application, if one has started. */
  public Optional<BundleProgress> progress(long applicationId) {
    return jdbc.sql("select rendered, total, updated_at from bundle_progress where application_id = ?")
        .param(applicationId)
        .query((rs, row) -> new BundleProgress(rs.getInt("rendered"), rs.getInt("total"),
            rs.getObject("updated_at", OffsetDateTime.class)))
        .optional();
  }

  private void recordProgress(long applicationId, int rendered, int total) {
    newTransaction.executeWithoutResult(tx -> {
      OffsetDateTime now = OffsetDateTime.now();
      if (jdbc.sql("update bundle_progress set rendered = ?, total = ?, updated_at = ? where application_id = ?")
          .params(rendered, total, now, applicationId).update() == 0) {
        jdbc.sql("insert into bundle_progress (application_id, rendered, total, updated_at) values (?, ?, ?, ?)")
            .params(applicationId, rendered, total, now).update();
      }
    });
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }

  /** The latest bundle rendered for the application. */
  public Optional<byte[]> bundle(long applicationId) {
    return jdbc.sql("select content from pass_document where application_id = ? order by id desc")
        .param(applicationId).query(byte[].class).list().stream().findFirst();
  }

  public byte[] renderPass(Pass pass) {
    return renderer.renderPass(prints(pass.applicationId(), List.of(pass)).get(0));
  }

  private List<PassPrint> prints(long applicationId, List<Pass> passes) {
    Map<Long, Applicant> people = applications.applicants(applicationId).stream()
        .collect(Collectors.toMap(Applicant::id, Function.identity()));
    Map<Long, Household> households = this.households.households(applicationId).stream()
        .collect(Collectors.toMap(Household::id, Function.identity()));
    Ward ward = wards.get(applications.get(applicationId).wardCode());
    String organization = applications.organizationName(applicationId).orElse(null);
    return passes.stream().map(p -> {
      if (p.householdId() != null) {
        Household h = households.get(p.householdId());
        return new PassPrint(p.passNumber(), p.kind(), p.holderName(), p.maskedIdNumber(), null, null,
            "Chủ hộ " + h.headName() + " — " + h.memberCount() + " nhân khẩu", h.address(), null, null,
            ward.name(), ward.districtName(), ward.policeUnitName(), p.zone(), p.validFrom(), p.validUntil(),
            DayRule.parse(p.dayRule()).vietnamese(), p.qrText(), p.keyId(), p.stampedAt().toInstant());
      }
      Applicant a = people.get(p.applicantId());
      return new PassPrint(p.passNumber(), p.kind(), p.holderName(), p.maskedIdNumber(), a.dateOfBirth(),
          organization, null, a.address(), a.destination(), a.purpose(), ward.name(), ward.districtName(),
          ward.policeUnitName(), p.zone(), p.validFrom(), p.validUntil(), null, p.qrText(), p.keyId(),
          p.stampedAt().toInstant());
    }).toList();
  }
}
