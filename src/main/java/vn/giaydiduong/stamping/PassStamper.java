package vn.giaydiduong.stamping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.pass.PassStatus;
import vn.giaydiduong.qr.PassClaims;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.SigningKey;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.rules.Decided;
import vn.giaydiduong.rules.PassValidityRules;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * "Đóng dấu" in software: the ward police unit signs each pass with its own key, and the signed payload becomes
 * the QR code. Only passes still awaiting their stamp are signed, so a retried step signs nothing twice.
 */
@Service
public class PassStamper {

  private final ApplicationStore applications;
  private final PassRegistry registry;
  private final WardRegistry wards;
  private final SigningKeyStore keys;
  private final PassCodec codec;
  private final PassValidityRules validityRules;

  public PassStamper(ApplicationStore applications, PassRegistry registry, WardRegistry wards,
      SigningKeyStore keys, PassCodec codec, PassValidityRules validityRules) {
    this.applications = applications;
    this.registry = registry;
    this.wards = wards;
    this.keys = keys;
    this.codec = codec;
    this.validityRules = validityRules;
  }

  public int stampAll(long applicationId, String stampedBy) {
    Ward ward = wards.get(applications.get(applicationId).wardCode());
    SigningKey key = keys.activeKey(ward.code());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String organization = applications.organizationName(applicationId).orElse(null);
    List<Pass> waiting = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    if (inTodaysZone(waiting, ward)) {
      waiting = registry.passes(applicationId, PassStatus.AWAITING_STAMP);
    }
    // ECDSA is most of a stamp's time: an organization's thousands of passes are signed on all cores (the common
    // fork-join pool), then written in order on this thread, in the caller's transaction.
    List<String> codes = waiting.parallelStream()
        .map(pass -> codec.encode(new PassClaims(pass.passNumber(), pass.kind(), pass.holderName(),
            pass.maskedIdNumber(), organization, ward.code(), pass.zone(), pass.validFrom(), pass.validUntil(),
            pass.dayRule(), ward.policeUnitId(), now), key))
        .toList();
    int stamped = 0;
    for (int i = 0; i < waiting.size(); i++) {
      if (registry.markStamped(waiting.get(i).passNumber(), codes.get(i), key.kid(), stampedBy,
          now.atZone(Dates.HANOI).toOffsetDateTime())) {
        stamped++;
      }
    }
    return stamped;
  }

  /**
   * A pass is signed in the ward's zone of the day it is stamped. Its dates were bounded by the zone of its
   * registration; when the ward has changed zone since (the list waited for review or stamp), the pass takes the
   * new zone and at most the longest validity that zone allows (pass-validity.dmn), counted from today or its
   * first day, whichever is later; the version of the table that bounded it is recorded on the pass. Issued passes
   * are handled by the zone change itself (verify.ZoneChanges). Market cards are left alone: their days were
   * decided per card (market-days.dmn), and a zone change revokes issued cards. Returns whether a pass changed.
   */
  private boolean inTodaysZone(List<Pass> waiting, Ward ward) {
    Decided<Integer> longest = null;
    LocalDate today = Dates.today();
    for (Pass pass : waiting) {
      if (pass.kind() == PassKind.MARKET_CARD || pass.zone() == ward.zone()) {
        continue;
      }
      if (longest == null) {
        longest = validityRules.maxValidityDays(ward.zone());
      }
      LocalDate lastAllowed = (pass.validFrom().isAfter(today) ? pass.validFrom() : today)
          .plusDays(longest.value() - 1L);
      LocalDate lastDay = pass.validUntil().isAfter(lastAllowed) ? lastAllowed : pass.validUntil();
      registry.rezone(pass.passNumber(), ward.zone(), lastDay, longest.rule());
    }
    return longest != null;
  }
}
