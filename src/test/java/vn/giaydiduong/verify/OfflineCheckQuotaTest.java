package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.giaydiduong.common.Dates;

/** The quotas of offline reports with small limits: 10 per checkpoint-day, 25 per sender, 3 checkpoints. */
class OfflineCheckQuotaTest {

  // 10:00 in Hanoi: the previous Hanoi day began 34 hours ago.
  private final Instant now = Instant.parse("2026-11-21T03:00:00Z");
  private final OfflineCheckQuota quota = new OfflineCheckQuota(Clock.fixed(now, Dates.HANOI), 10, 25, 3);

  @Test
  void aCheckpointGetsItsQuotaPerDayOfTheChecks_allOrNothing() {
    quota.take("10.0.0.1", checks("CHOT-A", now, 8));
    assertThatThrownBy(() -> quota.take("10.0.0.1", checks("CHOT-A", now, 3)))
        .isInstanceOf(OfflineCheckQuota.Exceeded.class).hasMessageStartingWith("Chốt CHOT-A đã báo quá 10 lượt");
    // Nothing of the refused report was taken: two more still fit.
    quota.take("10.0.0.1", checks("CHOT-A", now, 2));
    assertThatThrownBy(() -> quota.take("10.0.0.2", checks("CHOT-A", now, 1)))
        .as("the checkpoint's quota, whoever sends").isInstanceOf(OfflineCheckQuota.Exceeded.class);
    // Checks of yesterday (Hanoi) are another day of the report.
    quota.take("10.0.0.1", checks("CHOT-A", now.minus(Duration.ofHours(11)), 10));
  }

  @Test
  void aSenderGetsItsQuotaPerDay_whateverCheckpointIdsItInvents() {
    quota.take("10.0.0.1", checks("CHOT-A", now, 10));
    quota.take("10.0.0.1", checks("CHOT-B", now, 10));
    assertThatThrownBy(() -> quota.take("10.0.0.1", checks("CHOT-C", now, 6)))
        .isInstanceOf(OfflineCheckQuota.Exceeded.class).hasMessageContaining("quá 25 lượt");
    quota.take("10.0.0.1", checks("CHOT-C", now, 5));
    assertThatThrownBy(() -> quota.take("10.0.0.1", checks("CHOT-D", now, 1)))
        .isInstanceOf(OfflineCheckQuota.Exceeded.class);
    assertThat(catchRetryAfter(() -> quota.take("10.0.0.1", checks("CHOT-A", now, 1))))
        .isEqualTo(Duration.ofHours(14)); // until Hanoi midnight
    quota.take("10.0.0.2", checks("CHOT-D", now, 1));
  }

  @Test
  void inventedCheckpointIdsAreLimitedPerSender() {
    quota.take("10.0.0.1", checks("CHOT-A", now, 1));
    quota.take("10.0.0.1", checks("CHOT-B", now, 1));
    List<CheckingController.OfflineCheck> two = new ArrayList<>(checks("CHOT-C", now, 1));
    two.addAll(checks("CHOT-D", now, 1));
    assertThatThrownBy(() -> quota.take("10.0.0.1", two))
        .isInstanceOf(OfflineCheckQuota.Exceeded.class).hasMessageContaining("quá 3 mã chốt");
    quota.take("10.0.0.1", checks("CHOT-C", now, 1));
    quota.take("10.0.0.1", checks("CHOT-A", now, 1)); // a known one is fine
  }

  @Test
  void checksWithoutCheckpointIdCountPerSender_soOneSenderCannotExhaustEveryoneElses() {
    quota.take("10.0.0.1", checks(null, now, 10));
    assertThatThrownBy(() -> quota.take("10.0.0.1", checks(null, now, 1)))
        .isInstanceOf(OfflineCheckQuota.Exceeded.class).hasMessageStartingWith("Chốt không mã");
    assertThatCode(() -> quota.take("10.0.0.2", checks(null, now, 10))).doesNotThrowAnyException();
  }

  @Test
  void ipv6SendersCountPerSlash64() {
    assertThat(OfflineCheckQuota.addressKey("2001:db8:1:2:aaaa::1"))
        .isEqualTo(OfflineCheckQuota.addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff"))
        .isNotEqualTo(OfflineCheckQuota.addressKey("2001:db8:1:3::1"));
    assertThat(OfflineCheckQuota.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
    quota.take("2001:db8:1:2::1", checks("CHOT-A", now, 10));
    quota.take("2001:db8:1:2::2", checks("CHOT-B", now, 10));
    assertThatThrownBy(() -> quota.take("2001:db8:1:2::3", checks("CHOT-C", now, 10)))
        .isInstanceOf(OfflineCheckQuota.Exceeded.class);
  }

  private static Duration catchRetryAfter(Runnable action) {
    try {
      action.run();
    } catch (OfflineCheckQuota.Exceeded e) {
      return e.retryAfter();
    }
    throw new AssertionError("not refused");
  }

  private static List<CheckingController.OfflineCheck> checks(String checkpoint, Instant at, int n) {
    List<CheckingController.OfflineCheck> checks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      checks.add(new CheckingController.OfflineCheck(at.minusMillis(i), VerificationStatus.VALID, null, null,
          checkpoint, null));
    }
    return checks;
  }
}
