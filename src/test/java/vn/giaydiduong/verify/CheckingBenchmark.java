package vn.giaydiduong.verify;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.pass.Pass;
import vn.giaydiduong.pass.PassStatus;

/**
 * Verification in-process, without HTTP, printed, never asserted (docs/benchmarks.md):
 * {@code ./mvnw test -Dtest=CheckingBenchmark -Dbenchmarks=true}. Issues 200 passes through the individual-pass
 * process, then verifies them on two threads with and without the signature cache. Over HTTP, from a fresh JVM of
 * the packaged jar: {@link VerifyHttpBenchmark} (W4).
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
@SpringBootTest
@ActiveProfiles("test")
class CheckingBenchmark extends PassIssuing {

  private static final int PASSES = 200;
  private static final int THREADS = 2;
  private static final long IN_PROCESS_SECONDS = 15;

  @Autowired PassVerifier verifier;
  @Autowired vn.giaydiduong.qr.PassCodec codec;
  @Autowired vn.giaydiduong.qr.SigningKeyStore keys;
  @Autowired PassStandings standings;
  @Autowired vn.giaydiduong.ward.WardRegistry wards;
  @Autowired CheckLog checkLog;

  @Test
  void measure() throws Exception {
    List<String> codes = issue(PASSES);

    // Every scan a first scan: full decoding and ECDSA verification each time.
    PassVerifier uncached = new PassVerifier(codec, keys, standings, wards,
        java.time.Clock.system(vn.giaydiduong.common.Dates.HANOI), 0);
    inProcess(uncached, codes, 5);
    report("in-process, no signature cache", inProcess(uncached, codes, IN_PROCESS_SECONDS));
    // Re-scans of the same 200 passes: the application's verifier, as the HTTP run below uses it.
    inProcess(verifier, codes, 5);
    report("in-process, re-scans (cached signatures)", inProcess(verifier, codes, IN_PROCESS_SECONDS));
    checkLog.flush();
  }

  private List<String> issue(int count) {
    ProcessInstance instance = register("cskv.trucbach", residents(count));
    completeTask(instance, "canbo.trucbach", Map.of(ProcessVariables.REVIEW_OUTCOME.name(), "APPROVE_ALL"));
    completeTask(instance, "congan.trucbach", Map.of(ProcessVariables.STAMP_DECISION.name(), "STAMP"));
    execute(caseJob(instance));
    long applicationId = ((Number) runtimeService.getVariable(instance.getId(), ProcessVariables.APPLICATION_ID.name()))
        .longValue();
    return registry.passes(applicationId, PassStatus.ISSUED).stream().map(Pass::qrText).toList();
  }

  /** Verifies as the controller does (verdict + check log entry); returns each call's nanoseconds. */
  private static void report(String what, long[] latencies) {
    System.out.printf("%s (%d threads, %d s): %.0f verifications/s, p50 %.3f ms, p99 %.3f ms%n", what, THREADS,
        IN_PROCESS_SECONDS, latencies.length / (double) IN_PROCESS_SECONDS, percentile(latencies, 50),
        percentile(latencies, 99));
  }

  private long[] inProcess(PassVerifier verifier, List<String> codes, long seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int offset = t;
      results.add(pool.submit(() -> {
        List<Long> times = new ArrayList<>();
        for (int i = offset; System.nanoTime() < end; i++) {
          long start = System.nanoTime();
          Verification v = verifier.verify(codes.get(i % codes.size()));
          checkLog.record(new CheckLog.Entry(v.checkedAt(), v.status(), v.kind(), v.wardCode(), "BENCH", null, false));
          times.add(System.nanoTime() - start);
        }
        return times;
      }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : results) {
      all.addAll(f.get());
    }
    pool.shutdown();
    return all.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static double percentile(long[] sorted, int p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
  }
}
