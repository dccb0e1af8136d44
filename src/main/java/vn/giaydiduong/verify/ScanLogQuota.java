package vn.giaydiduong.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bounds what one client address (IPv6: its /64) can put into the supervisors' log through the public
 * {@code POST /api/passes/verify}: beyond the quota of a minute its scans are still answered, only not logged. A
 * checkpoint scans a person every few seconds, so even dozens behind one carrier NAT stay under it; a script
 * inventing checkpoint ids does not. In memory with a size bound, like {@link OfflineCheckQuota}: a restart or an
 * eviction only hands out a fresh quota.
 */
@Component
public class ScanLogQuota {

  private static final Logger LOG = LoggerFactory.getLogger(ScanLogQuota.class);
  static final int MAX_ADDRESSES = 100_000;

  private static final class Minute {
    long minute;
    int logged;
    boolean warned;
  }

  private final Clock clock;
  private final int perMinute;
  private final Cache<String, Minute> addresses = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
      .expireAfterAccess(Duration.ofMinutes(2)).build();

  @Autowired
  public ScanLogQuota(@Value("${giaydiduong.checking.logged-scans-per-address-minute}") int perMinute) {
    this(Clock.systemUTC(), perMinute);
  }

  ScanLogQuota(Clock clock, int perMinute) {
    this.clock = clock;
    this.perMinute = perMinute;
  }

  /** True if this scan from that address is to be logged, counting it. */
  public boolean take(String clientAddress) {
    String sender = OfflineCheckQuota.addressKey(clientAddress);
    Minute current = addresses.get(sender, k -> new Minute());
    long minute = clock.millis() / 60_000;
    synchronized (current) {
      if (current.minute != minute) {
        current.minute = minute;
        current.logged = 0;
        current.warned = false;
      }
      if (current.logged < perMinute) {
        current.logged++;
        return true;
      }
      if (!current.warned) {
        current.warned = true;
        LOG.warn("More than {} scans a minute from {}: the rest of this minute's are answered, not logged",
            perMinute, sender);
      }
      return false;
    }
  }

  /** For tests sharing one application context: every quota starts afresh. */
  void forgetAll() {
    addresses.invalidateAll();
  }
}
