package vn.giaydiduong.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value recomputed at most once per time-to-live. Health endpoints are public, so their callers decide how
 * often we would query the database or the mail server; this bounds it. Concurrent callers of a stale value
 * wait for one computation instead of each starting their own.
 */
final class Cached<T> {

  private final Supplier<T> supplier;
  private final Duration ttl;
  private final Clock clock;
  private T value;
  private Instant computedAt;

  Cached(Supplier<T> supplier, Duration ttl, Clock clock) {
    this.supplier = supplier;
    this.ttl = ttl;
    this.clock = clock;
  }

  synchronized T get() {
    Instant now = clock.instant();
    if (computedAt == null || !now.isBefore(computedAt.plus(ttl))) {
      value = supplier.get();
      computedAt = now;
    }
    return value;
  }
}
