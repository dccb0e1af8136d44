package vn.giaydiduong.verify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.qr.PassClaims;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.PublicKeyEntry;
import vn.giaydiduong.qr.SigningKey;
import vn.giaydiduong.ward.Zone;

/**
 * Scans passes over this node's own {@code POST /api/passes/verify} before the node reports ready, so that the
 * first minute of checkpoints does not run on the interpreter: a fresh JVM answered a third as fast as a warm one
 * (docs/benchmarks.md, W4). The passes are signed with a key held only in memory for a ward that does not exist
 * ({@value #WARD_CODE}); the verifier trusts it only while the warm-up runs, and the controller does not log its scans.
 * Application runners finish before readiness turns to ACCEPTING_TRAFFIC.
 */
@Component
@ConditionalOnProperty(name = "giaydiduong.verification.warm-up.enabled", havingValue = "true",
    matchIfMissing = true)
class VerificationWarmUp implements ApplicationRunner {

  /** No Hanoi ward has this code (they run from 00001), so no stored key can sign for it. */
  static final String WARD_CODE = "00000";
  private static final int CLIENTS = 4;
  /** One pass in this many scans is new (a signature to check); the others are re-scans, as at a checkpoint. */
  private static final int SCANS_PER_PASS = 10;
  /** The node becomes ready after this even if the warm-up has not finished (a very slow machine). */
  private static final Duration MAX_DURATION = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(VerificationWarmUp.class);

  record Result(int scans, int valid, Duration took, String samplePass) {
  }

  private final ApplicationContext context;
  private final PassVerifier verifier;
  private final PassCodec codec;
  private final int scans;
  private volatile Result lastResult;

  VerificationWarmUp(ApplicationContext context, PassVerifier verifier, PassCodec codec,
      @Value("${giaydiduong.verification.warm-up.scans}") int scans) {
    this.context = context;
    this.verifier = verifier;
    this.codec = codec;
    this.scans = scans;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    if (!(context instanceof WebServerApplicationContext web) || web.getWebServer() == null
        || web.getWebServer().getPort() <= 0) {
      return; // no server of our own to warm (a mock web environment)
    }
    URI uri = URI.create("http://127.0.0.1:" + web.getWebServer().getPort() + CheckingRequestLimits.VERIFY_PATH);
    Instant start = Instant.now();
    SigningKey key = SigningKey.unstored(WARD_CODE);
    verifier.trustTemporarily(new PublicKeyEntry(key.kid(), WARD_CODE, key.publicKey(), start, null));
    try {
      List<String> passes = passes(key, Math.max(1, scans / SCANS_PER_PASS));
      lastResult = scan(uri, passes, start);
      LOG.info("Verification warmed up: {} scans ({} valid) in {} ms", lastResult.scans(), lastResult.valid(),
          lastResult.took().toMillis());
    } catch (ExecutionException e) {
      // E.g. a server bound to another address only, or serving TLS: the node starts cold rather than not at all.
      LOG.warn("Verification warm-up skipped, the node starts without it: {}", e.getCause().toString());
    } finally {
      verifier.distrust(key.kid());
    }
  }

  /** The last warm-up's outcome, for tests. */
  Result lastResult() {
    return lastResult;
  }

  private List<String> passes(SigningKey key, int count) {
    LocalDate today = LocalDate.now(Dates.HANOI);
    Instant now = Instant.now();
    List<String> passes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      passes.add(codec.encode(new PassClaims("KHOIDONG-%06d".formatted(i), PassKind.INDIVIDUAL,
          "Nguyễn Thị Khởi Động", "001******%03d".formatted(i % 1000), null, WARD_CODE, Zone.GREEN,
          today.minusDays(1), today.plusDays(1), null, "CA-" + WARD_CODE, now), key));
    }
    return passes;
  }

  /** Scans every pass once, then again and again, on a few connections. */
  private Result scan(URI uri, List<String> passes, Instant start) throws InterruptedException, ExecutionException {
    Instant deadline = start.plus(MAX_DURATION);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger valid = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        done.add(clients.submit(() -> {
          for (int i = next.getAndIncrement(); i < scans && Instant.now().isBefore(deadline);
              i = next.getAndIncrement()) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(passes.get(i % passes.size()))).build();
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            answered.incrementAndGet();
            if (body.contains("\"status\":\"VALID\"")) {
              valid.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      clients.shutdownNow();
    }
    return new Result(answered.get(), valid.get(), Duration.between(start, Instant.now()), passes.get(0));
  }
}
