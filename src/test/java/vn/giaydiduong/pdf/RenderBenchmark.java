package vn.giaydiduong.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.intake.ApplicantDraft;
import vn.giaydiduong.pass.ApplicationStore;
import vn.giaydiduong.pass.Decision;
import vn.giaydiduong.pass.PassDocuments;
import vn.giaydiduong.pass.PassRegistry;
import vn.giaydiduong.qr.PassClaims;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.SigningKey;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.stamping.PassStamper;

/**
 * The rendering benchmarks of docs/benchmarks.md (W1, W2), printed, never asserted on time. Runs after the jar is
 * packaged, because W1 reads template, configuration and fonts from it as production does:
 * {@code ./mvnw -B package -Pbenchmarks} (add {@code -Dbenchmarks.workloads=W1} or {@code W2} for one of them).
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
@EnabledIfSystemProperty(named = "benchmarks.workloads", matches = ".*W[12].*")
@SpringBootTest
@ActiveProfiles("test")
class RenderBenchmark {

  private static final int RUNS = 3;
  private static final long ROUND_MILLIS = 4_000;
  private static final int BUNDLE_PASSES = 100;
  private static final int W2_STAFF = 5_000;
  private static final String WARD = "00004";

  @Autowired PassCodec codec;
  @Autowired SigningKeyStore keys;
  @Autowired ApplicationStore applications;
  @Autowired PassRegistry registry;
  @Autowired PassStamper stamper;
  @Autowired PassDocuments documents;
  @Autowired JdbcTemplate jdbc;

  @Test
  void measure() throws Exception {
    System.out.printf("%nRenderBenchmark: %s, %d CPUs, max heap %d MB, load %s%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, load());
    // -Dbenchmarks.workloads=W1 (a list: W1,W4) runs some of W1-W5; W2 first: it takes longest and fails fastest.
    String workloads = System.getProperty("benchmarks.workloads", "W1,W2,W3,W4,W5");
    if (workloads.contains("W2")) {
      w2();
    }
    if (workloads.contains("W1")) {
      w1();
    }
  }

  // ---------------------------------------------------------------- W1: one pass, and passes in A4 bundles

  private void w1() throws Exception {
    ClassLoader jar = packagedJar();
    PassPdfRenderer app = new PassPdfRenderer(jar);
    BareRenderLoop bare = new BareRenderLoop(jar);
    SigningKey key = keys.activeKey(WARD);

    Map<String, Workload> workloads = new LinkedHashMap<>();
    workloads.put("app   A6 single", seed -> {
      app.renderPass(signed(SamplePasses.individual("Nguyễn Thị Hằng", seed), key));
      return 1;
    });
    workloads.put("bare  A6 single", seed -> {
      bare.render(List.of(SamplePasses.individual("Nguyễn Thị Hằng", seed)), "single");
      return 1;
    });
    workloads.put("app   A4 bundle of " + BUNDLE_PASSES, seed -> {
      List<PassPrint> passes = new ArrayList<>(BUNDLE_PASSES);
      for (int i = 0; i < BUNDLE_PASSES; i++) {
        passes.add(signed(SamplePasses.organization("Đặng Văn Ưng " + i, seed * BUNDLE_PASSES + i), key));
      }
      app.renderBundle(passes);
      return BUNDLE_PASSES;
    });
    workloads.put("bare  A4 bundle of " + BUNDLE_PASSES, seed -> {
      List<PassPrint> passes = new ArrayList<>(BUNDLE_PASSES);
      for (int i = 0; i < BUNDLE_PASSES; i++) {
        passes.add(SamplePasses.organization("Đặng Văn Ưng " + i, seed * BUNDLE_PASSES + i));
      }
      bare.render(passes, "bundle");
      return BUNDLE_PASSES;
    });

    for (Workload w : workloads.values()) { // warm-up: JIT, font parsing
      measure(w, 2, 3_000);
    }
    Map<String, List<Double>> results = new LinkedHashMap<>();
    for (int run = 1; run <= RUNS; run++) {
      System.out.printf("W1 run %d, load before %s%n", run, load());
      for (int threads = 1; threads <= 2; threads++) {
        for (Map.Entry<String, Workload> w : workloads.entrySet()) {
          double rate = measure(w.getValue(), threads, ROUND_MILLIS);
          results.computeIfAbsent(w.getKey() + ", " + threads + " thread(s)", k -> new ArrayList<>()).add(rate);
          System.out.printf("  %-40s %d thread(s): %7.1f passes/s%n", w.getKey(), threads, rate);
        }
      }
    }
    System.out.printf("W1 summary (passes/s, min / median / max of %d runs), load after %s%n", RUNS, load());
    for (Map.Entry<String, List<Double>> r : results.entrySet()) {
      System.out.printf("  %-52s %s%n", r.getKey(), summary(r.getValue()));
    }
    for (String layout : List.of("A6 single", "A4 bundle of " + BUNDLE_PASSES)) {
      for (int threads = 1; threads <= 2; threads++) {
        String suffix = ", " + threads + " thread(s)";
        System.out.printf("  app/bare %-20s %d thread(s): %.2f (medians)%n", layout, threads,
            median(results.get("app   " + layout + suffix)) / median(results.get("bare  " + layout + suffix)));
      }
    }
  }

  private PassPrint signed(PassPrint print, SigningKey key) {
    String qr = codec.encode(new PassClaims(print.passNumber(), print.kind(), print.holderName(),
        print.maskedIdNumber(), print.organization(), WARD, print.zone(), print.validFrom(), print.validUntil(),
        null, "CA-" + WARD, print.stampedAt()), key);
    return new PassPrint(print.passNumber(), print.kind(), print.holderName(), print.maskedIdNumber(),
        print.dateOfBirth(), print.organization(), print.household(), print.address(), print.destination(),
        print.purpose(), print.wardName(), print.districtName(), print.policeUnitName(), print.zone(),
        print.validFrom(), print.validUntil(), print.allowedDays(), qr, key.kid(), print.stampedAt());
  }

  /** Passes per second of {@code threads} threads calling the workload until the time is up. */
  private static double measure(Workload workload, int threads, long millis) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicLong seeds = new AtomicLong(1_000);
      long start = System.nanoTime();
      long deadline = start + millis * 1_000_000;
      List<Future<Long>> counts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        counts.add(pool.submit(() -> {
          long passes = 0;
          while (System.nanoTime() < deadline) {
            passes += workload.run(seeds.getAndIncrement());
          }
          return passes;
        }));
      }
      long passes = 0;
      for (Future<Long> count : counts) {
        passes += count.get();
      }
      return passes / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Template, FOP configuration and fonts as production reads them: compressed entries of the Spring Boot jar
   * under BOOT-INF/classes (the classes themselves come from target/classes, the same build).
   */
  private static ClassLoader packagedJar() throws Exception {
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("giay-di-duong-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("Package first: ./mvnw -o -B package -DskipTests"));
    }
    System.out.printf("W1 reads templates and fonts from %s (built %s)%n", jar,
        Files.getLastModifiedTime(jar));
    return new URLClassLoader(new URL[] {new URL("jar:" + jar.toUri() + "!/BOOT-INF/classes/")}, null);
  }

  // ---------------------------------------------------------------- W2: an organization of 5,000 staff

  private void w2() throws Exception {
    List<Double> seconds = new ArrayList<>();
    List<Double> heaps = new ArrayList<>();
    List<Double> liveHeaps = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      long applicationId = applications.createApplication(PassKind.ORGANIZATION, WARD, "cskv.trucbach", null);
      applications.setOrganizationName(applicationId, "Công ty CP Thực phẩm Hà Nội");
      applications.addApplicants(applicationId, staff(run));
      System.gc();
      resetPeakHeap();
      LiveHeapPeak live = new LiveHeapPeak();
      String loadBefore = load();
      long start = System.nanoTime();
      applications.decide(applicationId, Map.of(), "canbo.trucbach");
      long decided = System.nanoTime();
      registry.number(applications.get(applicationId), applications.applicants(applicationId, Decision.APPROVED));
      long numbered = System.nanoTime();
      int stamped = stamper.stampAll(applicationId, "congan.trucbach");
      long signed = System.nanoTime();
      double stampSeconds = (signed - start) / 1e9;
      documents.renderBundle(applicationId);
      double total = (System.nanoTime() - start) / 1e9;
      System.out.printf("W2 run %d phases: approve %.1f s, number %.1f s, sign %.1f s, render and store %.1f s%n", run,
          (decided - start) / 1e9, (numbered - decided) / 1e9, (signed - numbered) / 1e9, total - stampSeconds);
      long peak = peakHeap();
      live.close();
      var progress = documents.progress(applicationId).orElseThrow();
      long size = documents.bundle(applicationId).orElseThrow().length;
      assertThat(stamped).isEqualTo(W2_STAFF);
      assertThat(progress.done()).isTrue();
      seconds.add(total);
      heaps.add(peak / 1048576.0);
      liveHeaps.add(live.peak.get() / 1048576.0);
      System.out.printf("W2 run %d: %d staff approved → numbered → stamped in %.1f s → bundle of %d pages "
              + "(%.1f MB) rendered and stored, %.1f s in all; heap after GC at most %d MB, sum of pool peaks %d MB, "
              + "limit %d MB; load before %s, after %s%n",
          run, stamped, stampSeconds, (W2_STAFF + 3) / 4, size / 1048576.0, total, live.peak.get() >> 20, peak >> 20,
          Runtime.getRuntime().maxMemory() >> 20, loadBefore, load());
      // The test's H2 keeps its tables in this heap; in production the stored bundle (10 MB) is PostgreSQL's.
      jdbc.update("delete from pass_document where application_id = ?", applicationId);
    }
    System.out.printf("W2 summary: seconds %s; heap after GC at most, MB %s; sum of pool peaks, MB %s%n",
        summary(seconds), summary(liveHeaps), summary(heaps));
  }

  private static List<ApplicantDraft> staff(int run) {
    List<ApplicantDraft> people = new ArrayList<>(W2_STAFF);
    LocalDate from = LocalDate.now();
    for (int i = 0; i < W2_STAFF; i++) {
      people.add(new ApplicantDraft("Nguyễn Văn Bình " + i, LocalDate.of(1980 + i % 20, 1 + i % 12, 1 + i % 28),
          "%03d%09d".formatted(run, i), null, null, "Số " + i + " phố Hàng Bông, Hoàn Kiếm",
          "Công ty CP Thực phẩm Hà Nội", "Kho Long Biên", "Vận chuyển hàng hóa thiết yếu", from,
          from.plusDays(14)));
    }
    return people;
  }

  private static void resetPeakHeap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * The most heap in use right after any collection while it listens: what the workload keeps reachable (plus
   * garbage in the old generation not collected yet), unlike the pools' peaks, which count garbage in the young one.
   */
  private static final class LiveHeapPeak implements NotificationListener, AutoCloseable {

    final AtomicLong peak = new AtomicLong();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    LiveHeapPeak() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener(this, null, null);
      }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo()
            .getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
            .mapToLong(e -> e.getValue().getUsed()).sum();
        peak.accumulateAndGet(used, Math::max);
      }
    }

    @Override
    public void close() throws ListenerNotFoundException {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).removeNotificationListener(this);
      }
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  // ---------------------------------------------------------------- figures

  private static String summary(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return "%.1f / %.1f / %.1f".formatted(sorted.get(0), median(sorted), sorted.get(sorted.size() - 1));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  @FunctionalInterface
  private interface Workload {
    int run(long seed) throws Exception;
  }
}
