package vn.giaydiduong.pass;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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

  public PassDocuments(JdbcClient jdbc, ApplicationStore applications, HouseholdStore households,
      PassRegistry registry, WardRegistry wards, PassPdfRenderer renderer) {
    this.jdbc = jdbc;
    this.applications = applications;
    this.households = households;
    this.registry = registry;
    this.wards = wards;
    this.renderer = renderer;
  }

  public void renderBundle(long applicationId) {
    List<Pass> passes = registry.passes(applicationId, PassStatus.ISSUED);
    if (passes.isEmpty()) {
      throw new IllegalStateException("Hồ sơ " + applicationId + " không có giấy đã đóng dấu để in.");
    }
    byte[] pdf = renderer.renderBundle(prints(applicationId, passes));
    jdbc.sql("insert into pass_document (application_id, content, pass_count, created_at) values (?, ?, ?, ?)")
        .params(applicationId, pdf, passes.size(), OffsetDateTime.now()).update();
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
