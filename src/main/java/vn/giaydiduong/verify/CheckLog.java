package vn.giaydiduong.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The supervisors' log of checks (table {@code pass_check}). Written in batches by one background thread, so a
 * scan waits for no database write; a full queue makes scans wait rather than lose entries. Stopping the
 * application writes what is queued.
 */
@Component
public class CheckLog implements SmartLifecycle {

  /**
   * What is kept of one check: no pass number, no holder; the location only if the checkpoint sent one.
   * {@code reportKey} identifies a check reported from offline, so a report sent twice is written once.
   */
  public record Entry(Instant checkedAt, VerificationStatus status, String passKind, String wardCode,
      String checkpointId, String location, boolean offline, String reportKey) {

    public Entry(Instant checkedAt, VerificationStatus status, String passKind, String wardCode,
        String checkpointId, String location, boolean offline) {
      this(checkedAt, status, passKind, wardCode, checkpointId, location, offline, null);
    }
  }

  /**
   * The same scan reported again (a retry after a lost answer, another node) has the same key: its checkpoint,
   * millisecond and verdict. Two different scans share one only if they also share all of these.
   */
  public static String reportKey(Instant checkedAt, VerificationStatus status, String passKind, String wardCode,
      String checkpointId) {
    String identity = String.join("\u0000", String.valueOf(checkpointId), String.valueOf(checkedAt.toEpochMilli()),
        status.name(), String.valueOf(passKind), String.valueOf(wardCode));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(CheckLog.class);
  private static final int CAPACITY = 50_000;
  private static final int BATCH = 1_000;

  private final JdbcClient jdbc;
  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
  // Held while an entry is between the queue and the database, so flush() sees every earlier entry written. Fair:
  // the writer takes it again at once after each poll, and an unfair lock let it starve flush() for minutes.
  private final ReentrantLock writing = new ReentrantLock(true);
  private volatile Thread writer;

  public CheckLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(Entry entry) {
    try {
      queue.put(entry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while logging a check", e);
    }
  }

  /** Writes everything recorded so far; returns how many entries this call wrote. */
  public int flush() {
    writing.lock();
    try {
      return writeQueued(new ArrayList<>());
    } finally {
      writing.unlock();
    }
  }

  @Override
  public void start() {
    Thread thread = new Thread(this::run, "check-log-writer");
    thread.setDaemon(true);
    writer = thread;
    thread.start();
  }

  /**
   * Not interrupted: an interrupt in the middle of a batch insert could fail it and lose its entries. The writer
   * sees it should end at its next poll, at most 200 ms later; what is still queued is written here.
   */
  @Override
  public void stop() {
    Thread thread = writer;
    writer = null;
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }

  /**
   * Started before and stopped after the web server (Spring Boot's phases are {@code DEFAULT_PHASE - 1024} and
   * {@code - 2048}): the scans that the graceful shutdown lets finish are written too.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  @Override
  public boolean isRunning() {
    return writer != null;
  }

  private void run() {
    while (writer == Thread.currentThread()) {
      writing.lock();
      try {
        Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first != null) {
          List<Entry> batch = new ArrayList<>();
          batch.add(first);
          writeQueued(batch);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("Could not write the check log; those entries are lost", e);
      } finally {
        writing.unlock();
      }
    }
  }

  private static final String INSERT_INTO = "insert into pass_check (checked_at, status, pass_kind, ward_code, "
      + "checkpoint_id, location, offline, report_key) values ";
  private static final String ROW_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT = INSERT_INTO + ROW_VALUES;

  /**
   * One statement of many rows ({@code values (…), (…)}): PostgreSQL then parses, plans and executes once per batch,
   * not once per row; logging every scan cost re-scans about a fifth of their rate (W4 in docs/benchmarks.md).
   */
  private void insertAll(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    jdbc.sql(INSERT_INTO + String.join(", ", Collections.nCopies(entries.size(), ROW_VALUES)))
        .params(entries.stream().flatMap(e -> Arrays.stream(row(e))).toList())
        .update();
  }

  private static Object[] row(Entry e) {
    return new Object[] {e.checkedAt().atOffset(ZoneOffset.UTC), e.status().name(), e.passKind(), e.wardCode(),
        e.checkpointId(), e.location(), e.offline(), e.reportKey()};
  }

  /** The batch without offline reports already written, nor repeated within it. */
  private List<Entry> withoutKnownReports(List<Entry> batch) {
    List<String> keys = batch.stream().map(Entry::reportKey).filter(Objects::nonNull).distinct().toList();
    if (keys.isEmpty()) {
      return List.copyOf(batch);
    }
    Set<String> seen = new HashSet<>(jdbc.sql("select report_key from pass_check where report_key in ("
        + String.join(",", Collections.nCopies(keys.size(), "?")) + ")").params(keys).query(String.class).list());
    List<Entry> fresh = new ArrayList<>(batch.size());
    for (Entry e : batch) {
      if (e.reportKey() == null || seen.add(e.reportKey())) {
        fresh.add(e);
      }
    }
    return fresh;
  }

  private int writeQueued(List<Entry> batch) {
    int written = 0;
    do {
      queue.drainTo(batch, BATCH - batch.size());
      if (batch.isEmpty()) {
        return written;
      }
      List<Entry> fresh = withoutKnownReports(batch);
      try {
        insertAll(fresh);
      } catch (DuplicateKeyException e) {
        // Another node wrote the same report meanwhile: write one by one, skipping what is already there.
        fresh.forEach(entry -> {
          try {
            jdbc.sql(INSERT).params(row(entry)).update();
          } catch (DuplicateKeyException duplicate) {
            // counted once already
          }
        });
      }
      written += fresh.size();
      batch.clear();
    } while (true);
  }
}
