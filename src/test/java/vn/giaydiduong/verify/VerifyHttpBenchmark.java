package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.qr.PassClaims;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.SigningKey;
import vn.giaydiduong.qr.StoredKeys;
import vn.giaydiduong.testing.AppProcess;
import vn.giaydiduong.ward.Zone;

/**
 * W4 (docs/benchmarks.md): {@code POST /api/passes/verify} over HTTP from a FRESH JVM, measured with {@code wrk}
 * on loopback (it must be installed: Debian package {@code wrk}). The packaged jar runs with the production profile
 * on an embedded PostgreSQL, each node started for the measurement, once without and once with the start-up
 * warm-up (VerificationWarmUp). Each round: re-scans of 200 passes, first scans (every code once, a slice of its
 * own per round), and the HTTP floor (HttpFloorController: same filters, constant answer of the same size). Three
 * rounds right after readiness (the first within the first minute after the JVM was launched), three after 120 s.
 * wrk keeps its connections busy, so those rounds measure the most a node answers and their p99 is the queue of 32
 * connections at saturation; each round then also offers the targets' rates (10,000 re-scans/s, 1,200 first
 * scans/s, each connection pausing between its requests) and reports the p99 at that load.
 * The codes are genuine: signed with Trúc Bạch's key, made through the application's own key store in its database.
 * Every scan is logged (the per-address quota of the log is lifted: wrk is one address).
 *
 * <p>{@code ./mvnw -o -B package -Pbenchmarks -Dbenchmarks.workloads=W4} (about 10 minutes).
 * {@code -Dbenchmarks.verify.variants=warm-up} measures one variant only ({@code cold}, {@code warm-up});
 * {@code -Dbenchmarks.verify.jfr=true} records each node with JFR into {@code target/app-process/};
 * {@code -Dbenchmarks.verify.log-every-scan=false} leaves the check log's per-address quota on;
 * {@code -Dbenchmarks.verify.app-args="key=value …"} sets application properties, for tuning experiments.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class VerifyHttpBenchmark {

  private static final String WARD = "00004";
  private static final int ROUNDS = 3;
  private static final int SECONDS = 5;
  private static final String WRK_THREADS = "2";
  private static final int WRK_CONNECTIONS = 32;
  private static final int RESCAN_PASSES = 200;
  /** First scans run shorter rounds: each code is signed beforehand, and 2 cores verify over 20,000/s. */
  private static final int FIRST_SCAN_SECONDS = 3;
  /** More than a round of first scans can use at 23,000/s; a round that reaches the end is reported. */
  private static final int FIRST_SCANS_PER_ROUND = 70_000;
  private static final Duration WARM_AFTER = Duration.ofSeconds(120);
  /** The target rates of W4; each round offers them to measure p99 at the load the targets name. */
  private static final int RESCAN_TARGET_PER_SECOND = 10_000;
  private static final int FIRST_SCAN_TARGET_PER_SECOND = 1_200;
  /** Connections of the paced runs: each pauses whole milliseconds, so enough of them to offer 10,000/s. */
  private static final int PACED_CONNECTIONS = 64;
  /** Codes for one paced round of first scans: its rate for its seconds, and room. */
  private static final int PACED_FIRST_SCANS_PER_ROUND = 2 * FIRST_SCAN_TARGET_PER_SECOND * FIRST_SCAN_SECONDS;

  private record Run(double perSecond, double p99Millis, long requests) {
  }

  /** Per round, codes never scanned before: a slice for the saturating run, one for the paced run. */
  private record FirstScans(List<Path> saturating, List<Path> paced) {
  }

  /** A wrk script and its connections: as fast as answers come, or paced to offer a rate. */
  private record Load(Path script, int connections) {

    static Load saturating(Path work) throws IOException {
      return new Load(Files.writeString(work.resolve("scan.lua"), LUA, StandardCharsets.UTF_8), WRK_CONNECTIONS);
    }

    /**
     * Each connection pauses between an answer and its next request for a random time, exponentially distributed
     * (checkpoints scan independently: Poisson arrivals); a fixed pause kept the connections in step, as no
     * checkpoints are (its p99 was within the noise of this one: docs/benchmarks.md, W4). The mean pause is a
     * millisecond less than {@code connections / rate} (the answers' own time), plus half a millisecond that wrk's
     * whole-millisecond delays cut off on average.
     */
    static Load paced(Path work, int perSecond) throws IOException {
      double meanPauseMillis = PACED_CONNECTIONS * 1000.0 / perSecond - 0.5;
      String script = LUA + String.format(Locale.ROOT, PACING, meanPauseMillis);
      return new Load(Files.writeString(work.resolve("scan-" + perSecond + ".lua"), script, StandardCharsets.UTF_8),
          PACED_CONNECTIONS);
    }
  }

  @Test
  void measure() throws Exception {
    Assumptions.assumeTrue(Arrays.asList(System.getProperty("benchmarks.workloads", "W1,W2,W3,W4,W5").split(","))
        .contains("W4"), "W4 not in benchmarks.workloads");
    requireWrk();
    Path jar = AppProcess.packagedJar();
    Path work = Files.createDirectories(Path.of("target", "w4"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
      GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
      try {
        // A first node migrates the database; Trúc Bạch's key is then made there the way the application makes it.
        try (AppProcess setup = AppProcess.postgres("w4-setup", jdbcUrl, mail.getSmtp().getPort()).jar(jar)
            .property("giaydiduong.verification.warm-up.enabled", "false").start()) {
          setup.awaitReady(Duration.ofMinutes(5));
        }
        SigningKey key = StoredKeys.activeKey(postgres.getPostgresDatabase(), AppProcess.MASTER_KEY, WARD);
        List<String> passes = sign(key, 0, RESCAN_PASSES);
        Path rescans = codes(work.resolve("rescans.txt"), passes);
        List<Path> firstScans = new ArrayList<>();
        List<Path> pacedFirstScans = new ArrayList<>();
        int signed = RESCAN_PASSES;
        for (int r = 0; r < 2 * ROUNDS; r++) {
          // Written slice by slice: 600,000 codes would not fit the runner's heap at once.
          firstScans.add(codes(work.resolve("first-" + r + ".txt"), sign(key, signed, FIRST_SCANS_PER_ROUND)));
          signed += FIRST_SCANS_PER_ROUND;
          pacedFirstScans.add(codes(work.resolve("paced-first-" + r + ".txt"),
              sign(key, signed, PACED_FIRST_SCANS_PER_ROUND)));
          signed += PACED_FIRST_SCANS_PER_ROUND;
        }
        JdbcClient jdbc = JdbcClient.create(postgres.getPostgresDatabase());
        List<String> variants = List.of(System.getProperty("benchmarks.verify.variants", "cold,warm-up").split(","));
        for (boolean warmUp : List.of(false, true)) {
          if (!variants.contains(warmUp ? "warm-up" : "cold")) {
            continue;
          }
          long checksBefore = jdbc.sql("select count(*) from pass_check").query(Long.class).single();
          long scans = measureNode(jar, jdbcUrl, mail.getSmtp().getPort(), warmUp, work, rescans,
              new FirstScans(firstScans, pacedFirstScans), passes.get(0));
          // The log is written by a background thread in batches; a graceful stop writes what is queued.
          long logged = jdbc.sql("select count(*) from pass_check").query(Long.class).single() - checksBefore;
          System.out.printf("W4 check log: %d scans answered, %d logged%n", scans, logged);
        }
      } finally {
        mail.stop();
      }
    }
  }

  /** One fresh node: rounds right after readiness, then after 120 s; returns how many verifications it answered. */
  private long measureNode(Path jar, String jdbcUrl, int smtpPort, boolean warmUp, Path work, Path rescans,
      FirstScans firstScans, String samplePass) throws Exception {
    Load saturating = Load.saturating(work);
    Load rescanTarget = Load.paced(work, RESCAN_TARGET_PER_SECOND);
    Load firstScanTarget = Load.paced(work, FIRST_SCAN_TARGET_PER_SECOND);
    String variant = warmUp ? "warm-up at start" : "no warm-up";
    Map<String, List<Run>> fresh = new LinkedHashMap<>();
    Map<String, List<Run>> warm = new LinkedHashMap<>();
    long verifications = 0;
    AppProcess configured = AppProcess.postgres("w4-" + (warmUp ? "warm-up" : "cold"), jdbcUrl, smtpPort).jar(jar)
        .property("giaydiduong.verification.warm-up.enabled", Boolean.toString(warmUp))
        .property("giaydiduong.benchmarks.http-floor", "true");
    // wrk is one address: without this most scans would not be logged, and the log's cost not measured.
    // -Dbenchmarks.verify.log-every-scan=false keeps the default quota, to measure what the log costs.
    if (Boolean.parseBoolean(System.getProperty("benchmarks.verify.log-every-scan", "true"))) {
      configured.property("giaydiduong.checking.logged-scans-per-address-minute", "1000000000");
    }
    AppProcess.propertiesOf("benchmarks.verify.app-args").forEach(configured::property);
    // -Dbenchmarks.verify.jvm-options="-Xmx2g …" replaces AppProcess' -Xmx512m: heap and collector experiments.
    String jvmOptions = System.getProperty("benchmarks.verify.jvm-options", "").trim();
    if (!jvmOptions.isEmpty()) {
      configured.jvmOptions(jvmOptions.split("\\s+"));
    }
    if (Boolean.getBoolean("benchmarks.verify.jfr")) {
      configured.addJvmOption("-XX:StartFlightRecording=filename="
          + configured.logFile().resolveSibling("w4-" + (warmUp ? "warm-up" : "cold") + ".jfr") + ",settings=profile");
    }
    try (AppProcess node = configured.start()) {
      node.awaitReady(Duration.ofMinutes(5));
      System.out.printf("%nW4 %s: ready %.1f s after launch; app args %s; JVM options %s%n", variant,
          node.sinceStart().toMillis() / 1000.0, AppProcess.propertiesOf("benchmarks.verify.app-args"),
          jvmOptions.isEmpty() ? "-Xmx512m (AppProcess' default)" : jvmOptions);
      String verifyAnswer = post(node, CheckingRequestLimits.VERIFY_PATH, samplePass);
      String floorAnswer = post(node, HttpFloorController.PATH, samplePass);
      assertThat(verifyAnswer).contains("\"status\":\"VALID\"");
      System.out.printf("W4 answer sizes: verify %d bytes, floor %d bytes%n",
          verifyAnswer.getBytes(StandardCharsets.UTF_8).length, floorAnswer.getBytes(StandardCharsets.UTF_8).length);
      for (int r = 0; r < 2 * ROUNDS; r++) {
        if (r == ROUNDS) {
          long wait = WARM_AFTER.minus(node.sinceStart()).toMillis();
          if (wait > 0) {
            Thread.sleep(wait);
          }
        }
        Map<String, List<Run>> phase = r < ROUNDS ? fresh : warm;
        System.out.printf("W4 %s round %d: from %.1f s after launch, load %s%n", variant, r + 1,
            node.sinceStart().toMillis() / 1000.0, load());
        Run rescan = wrk(node, CheckingRequestLimits.VERIFY_PATH, saturating, rescans, SECONDS);
        Run first = wrk(node, CheckingRequestLimits.VERIFY_PATH, saturating, firstScans.saturating().get(r),
            FIRST_SCAN_SECONDS);
        Run floor = wrk(node, HttpFloorController.PATH, saturating, rescans, SECONDS);
        Run rescanAtTarget = wrk(node, CheckingRequestLimits.VERIFY_PATH, rescanTarget, rescans, FIRST_SCAN_SECONDS);
        Run firstAtTarget = wrk(node, CheckingRequestLimits.VERIFY_PATH, firstScanTarget,
            firstScans.paced().get(r), FIRST_SCAN_SECONDS);
        if (first.requests() >= FIRST_SCANS_PER_ROUND || firstAtTarget.requests() >= PACED_FIRST_SCANS_PER_ROUND) {
          System.out.println("W4 WARNING: first scans ran out of codes, later ones were re-scans");
        }
        verifications += rescan.requests() + first.requests() + rescanAtTarget.requests() + firstAtTarget.requests();
        phase.computeIfAbsent("re-scans", k -> new ArrayList<>()).add(rescan);
        phase.computeIfAbsent("first scans", k -> new ArrayList<>()).add(first);
        phase.computeIfAbsent("floor", k -> new ArrayList<>()).add(floor);
        phase.computeIfAbsent("re-scans offered 10,000/s", k -> new ArrayList<>()).add(rescanAtTarget);
        phase.computeIfAbsent("first scans offered 1,200/s", k -> new ArrayList<>()).add(firstAtTarget);
        System.out.printf("W4 %s round %d: re-scans %.0f/s p99 %.1f ms, first scans %.0f/s p99 %.1f ms, floor %.0f/s "
                + "p99 %.1f ms; offered the targets: re-scans %.0f/s p99 %.1f ms, first scans %.0f/s p99 %.1f ms; "
                + "until %.1f s, load %s%n", variant, r + 1, rescan.perSecond(), rescan.p99Millis(),
            first.perSecond(), first.p99Millis(), floor.perSecond(), floor.p99Millis(), rescanAtTarget.perSecond(),
            rescanAtTarget.p99Millis(), firstAtTarget.perSecond(), firstAtTarget.p99Millis(),
            node.sinceStart().toMillis() / 1000.0, load());
      }
    }
    summary(variant, "first minute (rounds 1-3 from readiness)", fresh);
    summary(variant, "after 120 s (rounds 4-6)", warm);
    return verifications;
  }

  private static void summary(String variant, String phase, Map<String, List<Run>> runs) {
    System.out.printf("W4 %s, %s:%n", variant, phase);
    runs.forEach((what, list) -> System.out.printf("  %-28s req/s min/median/max %.0f / %.0f / %.0f, "
            + "p99 ms min/median/max %.1f / %.1f / %.1f%n", what, stat(list, Run::perSecond, 0),
        stat(list, Run::perSecond, 1), stat(list, Run::perSecond, 2), stat(list, Run::p99Millis, 0),
        stat(list, Run::p99Millis, 1), stat(list, Run::p99Millis, 2)));
    double floor = stat(runs.get("floor"), Run::perSecond, 1);
    System.out.printf("  ratio to floor (medians): re-scans %.2f, first scans %.2f%n",
        stat(runs.get("re-scans"), Run::perSecond, 1) / floor, stat(runs.get("first scans"), Run::perSecond, 1) / floor);
  }

  /** 0: min, 1: median, 2: max of three or more runs. */
  private static double stat(List<Run> runs, java.util.function.ToDoubleFunction<Run> value, int which) {
    double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
    return which == 0 ? sorted[0] : which == 2 ? sorted[sorted.length - 1] : sorted[sorted.length / 2];
  }

  private static List<String> sign(SigningKey key, int first, int count) {
    PassCodec codec = new PassCodec();
    LocalDate today = LocalDate.now(Dates.HANOI);
    Instant now = Instant.now();
    return IntStream.range(first, first + count).parallel().mapToObj(i -> codec.encode(new PassClaims(
        "%s-%06d".formatted(WARD, 100_000 + i), PassKind.INDIVIDUAL, "Nguyễn Văn Đo Lường",
        "001******%03d".formatted(i % 1000), null, WARD, Zone.GREEN, today.minusDays(1), today.plusDays(14), null,
        "CA-" + WARD, now), key)).toList();
  }

  private static Path codes(Path file, List<String> codes) throws IOException {
    return Files.write(file, codes, StandardCharsets.UTF_8);
  }

  /**
   * Each wrk thread reads the codes file and takes every other code, starting at its own: with 2 threads no code
   * is sent twice until the file is used up. The path and file come as script arguments.
   */
  private static final String LUA = """
      local threads = 0
      function setup(thread)
        thread:set("id", threads)
        threads = threads + 1
      end
      function init(args)
        path = args[1]
        codes = {}
        for line in io.lines(args[2]) do codes[#codes + 1] = line end
        step = tonumber(args[3])
        i = id
      end
      local headers = { ["Content-Type"] = "text/plain" }
      function request()
        local code = codes[i % #codes + 1]
        i = i + step
        return wrk.format("POST", path, headers, code)
      end
      """;

  /** Appended to {@link #LUA} for paced runs; each wrk thread seeds its own random pauses. */
  private static final String PACING = """
      local initCodes = init
      function init(args)
        initCodes(args)
        math.randomseed(os.time() * 31 + id)
      end
      function delay()
        return -math.log(1 - math.random()) * %.3f
      end
      """;

  private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

  private static Run wrk(AppProcess node, String path, Load load, Path codes, int seconds) throws Exception {
    String output = run("wrk", "-t" + WRK_THREADS, "-c" + load.connections(), "-d" + seconds + "s", "--latency",
        "-s", load.script().toString(), node.baseUrl(), "--", path, codes.toAbsolutePath().toString(), WRK_THREADS);
    if (output.contains("Non-2xx") || output.contains("Socket errors")) {
      throw new IllegalStateException("wrk saw errors:\n" + output);
    }
    Matcher p99 = P99.matcher(output);
    Matcher rate = REQUESTS_PER_SECOND.matcher(output);
    Matcher requests = REQUESTS.matcher(output);
    if (!p99.find() || !rate.find() || !requests.find()) {
      throw new IllegalStateException("unreadable wrk output:\n" + output);
    }
    double millis = Double.parseDouble(p99.group(1)) * switch (p99.group(2)) {
      case "us" -> 0.001;
      case "s" -> 1000;
      default -> 1;
    };
    return new Run(Double.parseDouble(rate.group(1)), millis, Long.parseLong(requests.group(1)));
  }

  private static String post(AppProcess node, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void requireWrk() {
    try {
      run("wrk", "--version");
    } catch (Exception e) {
      throw new IllegalStateException("W4 needs wrk on the PATH (Debian/Ubuntu: apt-get install wrk)", e);
    }
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    // wrk --version prints its version and exits 1.
    if (exit != 0 && !(command.length == 2 && "--version".equals(command[1]))) {
      throw new IllegalStateException(Arrays.toString(command) + " failed:\n" + output);
    }
    return output;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
