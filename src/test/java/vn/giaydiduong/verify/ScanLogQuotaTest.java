package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScanLogQuotaTest {

  private Instant now = Instant.parse("2021-09-15T02:00:00Z");
  private final ScanLogQuota quota = new ScanLogQuota(new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }, 5);

  @Test
  void logsAnAddressesScansUpToItsQuotaOfTheMinute_thenAgainTheNextMinute() {
    assertThat(IntStream.range(0, 7).filter(i -> quota.take("203.0.113.7")).count()).isEqualTo(5);
    assertThat(quota.take("203.0.113.8")).as("another address has its own quota").isTrue();

    now = now.plus(Duration.ofSeconds(59));
    assertThat(quota.take("203.0.113.7")).isFalse();
    now = now.plus(Duration.ofSeconds(1));
    assertThat(IntStream.range(0, 7).filter(i -> quota.take("203.0.113.7")).count()).isEqualTo(5);
  }

  @Test
  void countsAnIpv6SubscriberByIts64() {
    assertThat(IntStream.range(0, 7).filter(i -> quota.take("2001:db8:1:2::" + Integer.toHexString(i + 1)))
        .count()).isEqualTo(5);
    assertThat(quota.take("2001:db8:1:3::1")).isTrue();
  }
}
