package vn.giaydiduong.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.ward.Zone;

/**
 * What the registry adds to passes' signed claims (revoked; shortened by a zone change), and the signing keys
 * withdrawn as compromised, held in memory so that a scan reads no database: one read per scan made 32 checkpoint
 * connections queue for 10 pooled connections (docs/benchmarks.md, W4), and a scan must still answer while the
 * database is away. Only passes with a standing are held, and only while their signed validity lasts: revoked and
 * shortened passes, few beside all issued ones.
 *
 * <p>A change made on this node counts from the moment its transaction commits; one made on another node within
 * {@link #REFRESH_EVERY}, when this node next reads what changed. Every change only ever adds: a revocation and a
 * withdrawal are final, and a zone change shortens a pass, never lengthens it.
 */
@Component
public class PassStandings implements SmartLifecycle {

  /**
   * Revoked, or shortened until a last valid day by the zone change of {@code changedOn} to {@code changedTo}.
   */
  public record Standing(boolean revoked, LocalDate shortenedUntil, Zone changedTo, LocalDate changedOn) {

    static final Standing NONE = new Standing(false, null, null, null);
    static final Standing REVOKED = new Standing(true, null, null, null);
  }

  /** How stale another node's revocations may be here. */
  static final Duration REFRESH_EVERY = Duration.ofSeconds(1);
  /**
   * Revocations are read again this far back at every refresh: a revoking transaction may commit after a later
   * one did (its {@code revoked_at} is taken before its commit), and nodes' clocks differ a little.
   */
  private static final Duration OVERLAP = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(PassStandings.class);

  private record Held(Standing standing, LocalDate signedUntil) {
  }

  private final JdbcClient jdbc;
  private final SigningKeyStore keys;
  private final Clock clock;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private volatile Set<String> withdrawnKeys = Set.of();
  /** Zone changes whose shortenings are held. */
  private final Set<Long> changesRead = new HashSet<>();
  private final ReentrantLock refreshing = new ReentrantLock();
  private Instant revocationsReadFrom = Instant.EPOCH;
  private LocalDate prunedOn;
  private volatile ScheduledExecutorService refresher;

  @Autowired
  public PassStandings(JdbcClient jdbc, SigningKeyStore keys) {
    this(jdbc, keys, Clock.system(Dates.HANOI));
  }

  PassStandings(JdbcClient jdbc, SigningKeyStore keys, Clock clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock;
  }

  /** The standing of a pass number; a number not held has none beyond its claims. */
  public Standing of(String passNumber) {
    Held h = held.get(passNumber);
    return h == null ? Standing.NONE : h.standing();
  }

  /** Whether the key with this id was withdrawn as compromised: nothing it signed verifies any more. */
  public boolean isKeyWithdrawn(String kid) {
    return withdrawnKeys.contains(kid);
  }

  @EventListener
  void onKeyWithdrawn(SigningKeyStore.KeyWithdrawn event) {
    changed();
  }

  /**
   * Called inside a transaction that revoked or shortened passes: they count here once it commits (at once if
   * there is no transaction). One read after the commit however many passes the transaction changed: a zone change
   * revokes a whole ward's passes one by one.
   */
  void changed() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      refresh();
      return;
    }
    if (TransactionSynchronizationManager.hasResource(this)) {
      return; // this transaction already reads once it commits
    }
    TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        // The change is committed: a failed read must not fail its caller; the next refresh catches up.
        refreshQuietly();
      }

      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(PassStandings.this);
      }
    });
  }

  /**
   * Reads what changed since the last refresh: withdrawn keys (a short list, read whole), revocations, and the
   * shortenings of zone changes not yet read.
   */
  void refresh() {
    refreshing.lock();
    try {
      withdrawnKeys = Set.copyOf(keys.withdrawnKids());
      Instant now = clock.instant();
      LocalDate today = LocalDate.ofInstant(now, Dates.HANOI);
      // Passes whose signed validity ended before yesterday are refused as expired whatever their standing.
      LocalDate stillValid = today.minusDays(1);
      jdbc.sql("select pass_number, valid_until from pass where status = 'REVOKED' and revoked_at >= ? "
              + "and valid_until >= ?")
          .params(revocationsReadFrom.atOffset(ZoneOffset.UTC), stillValid)
          .query(rs -> {
            held.put(rs.getString("pass_number"), new Held(Standing.REVOKED,
                rs.getObject("valid_until", LocalDate.class)));
          });
      revocationsReadFrom = now.minus(OVERLAP);
      List<Long> changes = jdbc.sql("select id from zone_change where shortened_until >= ? order by id")
          .param(stillValid).query(Long.class).list();
      for (Long change : changes) {
        if (!changesRead.contains(change)) {
          readShortenings(change, stillValid);
          changesRead.add(change);
        }
      }
      if (!today.equals(prunedOn)) {
        held.values().removeIf(h -> h.signedUntil().isBefore(stillValid));
        changesRead.retainAll(changes);
        prunedOn = today;
      }
    } finally {
      refreshing.unlock();
    }
  }

  private void readShortenings(long change, LocalDate stillValid) {
    // Through zone_change_pass's key, and the pass's current row: a later change may have shortened it further.
    jdbc.sql("select p.pass_number, p.valid_until, p.shortened_until, z.new_zone, z.changed_at "
            + "from zone_change_pass zp join pass p on p.pass_number = zp.pass_number "
            + "join zone_change z on z.id = p.shortened_by_change "
            + "where zp.zone_change_id = ? and zp.action = 'SHORTEN' and p.valid_until >= ?")
        .params(change, stillValid)
        .query(rs -> {
          OffsetDateTime changedAt = rs.getObject("changed_at", OffsetDateTime.class);
          Standing shortened = new Standing(false, rs.getObject("shortened_until", LocalDate.class),
              Zone.valueOf(rs.getString("new_zone")), LocalDate.ofInstant(changedAt.toInstant(), Dates.HANOI));
          // A revocation is final: a shortening read later does not replace it.
          held.merge(rs.getString("pass_number"), new Held(shortened, rs.getObject("valid_until", LocalDate.class)),
              (old, fresh) -> old.standing().revoked() ? old : fresh);
        });
  }

  /** Reads every standing before the web server takes scans; then refreshes in the background. */
  @Override
  public void start() {
    refresh();
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "pass-standings");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_EVERY.toMillis(), REFRESH_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    refresher = executor;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // The database away for a moment: scans go on with what is held, and the next refresh catches up.
      LOG.warn("Could not read withdrawn keys, revocations and zone-change shortenings: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = refresher;
    refresher = null;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return refresher != null;
  }

  /** Started with the check log, before the web server. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
