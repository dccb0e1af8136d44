package vn.giaydiduong.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.Dates;

/**
 * Bounds what anonymous checkpoints can put into the supervisors' log through {@code POST /api/checks/offline}, so
 * that a flood neither fills the database nor drowns the daily report. Three quotas, all in memory with a size
 * bound (a restart or eviction only hands out a fresh quota, it never refuses an honest checkpoint):
 * <ul>
 *   <li>per checkpoint id and Hanoi day of the check: what the daily report can show for one checkpoint;</li>
 *   <li>per client address (IPv6: its /64) and Hanoi day of receipt: what one sender can report in all;</li>
 *   <li>distinct checkpoint ids per client address and day: inventing ids cannot multiply the first quota.</li>
 * </ul>
 * Checks without a checkpoint id count against an id of their own per client address, so one sender cannot use up
 * the quota of every checkpoint that sends none.
 */
@Component
public class OfflineCheckQuota {

  /** A busy checkpoint scans a few thousand people a day; offline is the exception. */
  static final int CHECKPOINT_DAILY = 5_000;
  /** Several checkpoints may share one address (carrier NAT), each with a backlog of several days. */
  static final int ADDRESS_DAILY = 20_000;
  static final int ADDRESS_CHECKPOINTS = 50;
  /** Memory bound: about 50,000 × 0.5 KB for addresses, 100,000 × 0.25 KB for checkpoint-days. */
  static final int MAX_ADDRESSES = 50_000;
  static final int MAX_CHECKPOINT_DAYS = 100_000;

  /** Why a report was refused, in Vietnamese for the page; {@code retryAfter} is the next Hanoi midnight. */
  public static class Exceeded extends RuntimeException {
    private final Duration retryAfter;

    Exceeded(String message, Duration retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  private static final class AddressDay {
    int entries;
    final Set<String> checkpoints = new HashSet<>();
  }

  private final Clock clock;
  private final int checkpointDaily;
  private final int addressDaily;
  private final int addressCheckpoints;
  private final Cache<String, AddressDay> addresses;
  private final Cache<String, AtomicInteger> checkpointDays;

  @Autowired
  public OfflineCheckQuota() {
    this(Clock.system(Dates.HANOI), CHECKPOINT_DAILY, ADDRESS_DAILY, ADDRESS_CHECKPOINTS);
  }

  OfflineCheckQuota(Clock clock, int checkpointDaily, int addressDaily, int addressCheckpoints) {
    this.clock = clock;
    this.checkpointDaily = checkpointDaily;
    this.addressDaily = addressDaily;
    this.addressCheckpoints = addressCheckpoints;
    // Keys carry their day, so expiry only frees memory: a check's day is at most 7 days back (the endpoint's rule).
    this.addresses = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES).expireAfterWrite(Duration.ofDays(2)).build();
    this.checkpointDays = Caffeine.newBuilder().maximumSize(MAX_CHECKPOINT_DAYS)
        .expireAfterWrite(Duration.ofDays(9)).build();
  }

  /**
   * Takes the report's entries from the quotas, all or nothing.
   *
   * @throws Exceeded if any quota would be exceeded; nothing is taken then
   */
  public synchronized void take(String clientAddress, List<CheckingController.OfflineCheck> checks) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, Dates.HANOI);
    Duration untilMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(Dates.HANOI));
    String sender = addressKey(clientAddress);

    AddressDay day = addresses.get(today + "|" + sender, k -> new AddressDay());
    if (day.entries + checks.size() > addressDaily) {
      throw new Exceeded("Địa chỉ mạng này đã gửi quá " + addressDaily + " lượt kiểm tra ngoại tuyến hôm nay. "
          + "Các lượt còn lại được giữ trên máy và gửi lại vào ngày mai.", untilMidnight);
    }
    Map<String, Integer> perCheckpointDay = new HashMap<>();
    Set<String> newCheckpoints = new HashSet<>();
    for (CheckingController.OfflineCheck c : checks) {
      String checkpoint = c.checkpointId() == null ? "(không mã chốt)@" + sender : c.checkpointId();
      if (!day.checkpoints.contains(checkpoint)) {
        newCheckpoints.add(checkpoint);
      }
      perCheckpointDay.merge(LocalDate.ofInstant(c.checkedAt(), Dates.HANOI) + "|" + checkpoint, 1, Integer::sum);
    }
    if (day.checkpoints.size() + newCheckpoints.size() > addressCheckpoints) {
      throw new Exceeded("Địa chỉ mạng này đã gửi lượt kiểm tra của quá " + addressCheckpoints + " mã chốt khác "
          + "nhau hôm nay.", untilMidnight);
    }
    for (Map.Entry<String, Integer> e : perCheckpointDay.entrySet()) {
      AtomicInteger used = checkpointDays.getIfPresent(e.getKey());
      if ((used == null ? 0 : used.get()) + e.getValue() > checkpointDaily) {
        String[] dayAndCheckpoint = e.getKey().split("\\|", 2);
        throw new Exceeded("Chốt " + (dayAndCheckpoint[1].startsWith("(") ? "không mã" : dayAndCheckpoint[1])
            + " đã báo quá " + checkpointDaily + " lượt kiểm tra ngoại tuyến cho ngày "
            + Dates.format(LocalDate.parse(dayAndCheckpoint[0])) + ".", untilMidnight);
      }
    }
    day.entries += checks.size();
    day.checkpoints.addAll(newCheckpoints);
    perCheckpointDay.forEach((key, n) -> checkpointDays.get(key, k -> new AtomicInteger()).addAndGet(n));
  }

  /** For tests sharing one application context: every quota starts afresh. */
  synchronized void forgetAll() {
    addresses.invalidateAll();
    checkpointDays.invalidateAll();
  }

  /** IPv4 as is; IPv6 by its /64, since one subscriber usually gets a whole /64. */
  static String addressKey(String clientAddress) {
    if (clientAddress == null || clientAddress.indexOf(':') < 0) {
      return String.valueOf(clientAddress);
    }
    try {
      // A literal from the servlet container, so no DNS lookup happens.
      byte[] bytes = InetAddress.getByName(clientAddress).getAddress();
      return bytes.length == 16 ? "v6:" + Arrays.toString(Arrays.copyOf(bytes, 8)) : clientAddress;
    } catch (UnknownHostException e) {
      return clientAddress;
    }
  }
}
