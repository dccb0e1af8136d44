package vn.giaydiduong.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.giaydiduong.testing.AppProcess;
import vn.giaydiduong.testing.ExactlyOnceChecks;
import vn.giaydiduong.testing.IndividualPassWorkload;
import vn.giaydiduong.testing.IndividualPassWorkload.Result;

/**
 * W3 and W5 of issue 12 (docs/benchmarks.md): individual-pass lists of 10 driven over {@code /engine-rest} through
 * every task, and every async job waited for, on embedded PostgreSQL with GreenMail, the application run as the
 * packaged jar ({@link AppProcess}, postgres profile).
 *
 * <ul>
 *   <li>W3, one node: rounds of the application's lists alternate with rounds of the engine's floor (the same
 *       shape with no work in it, {@code benchmarks/engine-floor.bpmn}) driven by the same clients.
 *   <li>W5, two nodes on one database: rounds with every client on one node, then with the clients split over
 *       two (jobs run on both); then nothing may have run, been numbered or been mailed twice.
 * </ul>
 *
 * <p>{@code ./mvnw -o -B package -Pbenchmarks -Dbenchmarks.workloads=W3,W5}. Knobs (system properties):
 * {@code benchmarks.engine.lists} per round (default 40), {@code .clients} (4), {@code .open} lists per client (4),
 * {@code .rounds} (3); {@code benchmarks.engine.app-args}: application properties for a tuning experiment,
 * {@code key=value} separated by spaces; {@code benchmarks.engine.jfr=true}: a JFR recording of each node in
 * {@code target/app-process/}. Asserts correctness only, never time.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class EngineThroughputBenchmark {

  private static final int LIST_SIZE = 10;
  private static final int LISTS = Integer.getInteger("benchmarks.engine.lists", 40);
  private static final int CLIENTS = Integer.getInteger("benchmarks.engine.clients", 4);
  private static final int OPEN = Integer.getInteger("benchmarks.engine.open", 4);
  private static final int ROUNDS = Integer.getInteger("benchmarks.engine.rounds", 3);
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(10);
  /** Wards of Ba Đình and Hoàn Kiếm: each client is one ward's officers. */
  private static final List<String> WARDS = List.of("00001", "00004", "00006", "00007", "00008", "00010",
      "00013", "00016");
  private static final String WORKLOADS = System.getProperty("benchmarks.workloads", "W1,W2,W3,W4,W5");

  @Test
  void w3OneNodeBesideTheEngineFloor() throws Exception {
    assumeTrue(WORKLOADS.contains("W3"), "W3 not in benchmarks.workloads");
    try (Cluster cluster = new Cluster("w3")) {
      AppProcess node = cluster.node("w3-node");
      IndividualPassWorkload workload = new IndividualPassWorkload(List.of(node.baseUrl()), wards());
      workload.createOfficers();
      workload.deployFloor();
      System.out.printf("W3 on a fresh database, %d lists of %d per round, %d clients, %d open lists each; "
          + "app args: %s%n", LISTS, LIST_SIZE, CLIENTS, OPEN, appArgs());
      warmUp(workload, IndividualPassWorkload.APP_KEY);
      warmUp(workload, IndividualPassWorkload.FLOOR_KEY);
      List<Result> app = new ArrayList<>();
      List<Result> floor = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        app.add(round("W3 app", round, cluster, workload, IndividualPassWorkload.APP_KEY));
        floor.add(round("W3 floor", round, cluster, workload, IndividualPassWorkload.FLOOR_KEY));
      }
      summary("W3 app (individual-pass)", app);
      summary("W3 floor (same shape, no work)", floor);
      ratios("W3 app/floor passes/s", app, floor);
      cluster.assertExactlyOnce(app.size() * LISTS + 2 * CLIENTS);
    }
  }

  @Test
  void w5TwoNodesBesideOne() throws Exception {
    assumeTrue(WORKLOADS.contains("W5"), "W5 not in benchmarks.workloads");
    try (Cluster cluster = new Cluster("w5")) {
      AppProcess a = cluster.node("w5-node-a");
      IndividualPassWorkload oneNode = new IndividualPassWorkload(List.of(a.baseUrl()), wards());
      oneNode.createOfficers();
      System.out.printf("W5, %d lists of %d per round, %d clients, %d open lists each; app args: %s%n", LISTS,
          LIST_SIZE, CLIENTS, OPEN, appArgs());
      warmUp(oneNode, IndividualPassWorkload.APP_KEY);
      List<Result> one = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        one.add(round("W5 one node", round, cluster, oneNode, IndividualPassWorkload.APP_KEY));
      }
      AppProcess b = cluster.node("w5-node-b");
      IndividualPassWorkload twoNodes = new IndividualPassWorkload(List.of(a.baseUrl(), b.baseUrl()), wards());
      warmUp(twoNodes, IndividualPassWorkload.APP_KEY);
      List<Result> two = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        two.add(round("W5 two nodes", round, cluster, twoNodes, IndividualPassWorkload.APP_KEY));
      }
      summary("W5 one node", one);
      summary("W5 two nodes", two);
      ratios("W5 two/one passes/s", two, one);
      cluster.assertExactlyOnce((one.size() + two.size()) * LISTS + 4 * CLIENTS);
    }
  }

  /** Each client's ward; with 4 clients on 2 nodes, client c works in ward c on node c mod 2. */
  private static List<String> wards() {
    return WARDS.subList(0, Math.min(CLIENTS, WARDS.size()));
  }

  private static void warmUp(IndividualPassWorkload workload, String processKey) {
    Result result = workload.run(processKey, 2 * CLIENTS, LIST_SIZE, CLIENTS, OPEN, ROUND_TIMEOUT);
    System.out.printf("  warm-up %s: %d lists in %.1f s, %d errors %s%n", processKey, result.lists(),
        result.seconds(), result.errors().size(), firstErrors(result));
    assertThat(result.errors()).isEmpty();
  }

  /**
   * One round, with what it cost whatever the machine's load: CPU of the application's JVMs and of PostgreSQL's
   * processes (from {@code /proc}), and the database's growth, per pass.
   */
  private static Result round(String name, int round, Cluster cluster, IndividualPassWorkload workload,
      String processKey) {
    String before = load();
    double appCpu = cluster.appCpuSeconds();
    double dbCpu = cluster.databaseCpuSeconds();
    long dbBytes = cluster.databaseBytes();
    Result result = workload.run(processKey, LISTS, LIST_SIZE, CLIENTS, OPEN, ROUND_TIMEOUT);
    double passes = result.lists() * (LIST_SIZE - 1.0);
    System.out.printf("  %s round %d: %d lists in %.1f s = %.2f lists/s, %.1f passes/s; %d errors %s; "
        + "per pass: app CPU %.1f ms, database CPU %.1f ms, database +%.1f kB; load before %s, after %s%n", name,
        round, result.lists(), result.seconds(), result.listsPerSecond(), result.passesPerSecond(),
        result.errors().size(), firstErrors(result), (cluster.appCpuSeconds() - appCpu) * 1000 / passes,
        (cluster.databaseCpuSeconds() - dbCpu) * 1000 / passes, (cluster.databaseBytes() - dbBytes) / 1024.0 / passes,
        before, load());
    assertThat(result.errors()).isEmpty();
    assertThat(result.lists()).isEqualTo(LISTS);
    return result;
  }

  private static String firstErrors(Result result) {
    return result.errors().stream().limit(3).collect(Collectors.joining(" | ", "[", "]"));
  }

  private static void summary(String name, List<Result> results) {
    System.out.printf("%s: lists/s %s; passes/s %s (min / median / max of %d rounds)%n", name,
        minMedianMax(results, Result::listsPerSecond), minMedianMax(results, Result::passesPerSecond),
        results.size());
  }

  private static void ratios(String name, List<Result> numerators, List<Result> denominators) {
    double[] ratios = new double[numerators.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerators.get(i).passesPerSecond() / denominators.get(i).passesPerSecond();
    }
    Arrays.sort(ratios);
    System.out.printf("%s per round: %.2f / %.2f / %.2f%n", name, ratios[0], ratios[ratios.length / 2],
        ratios[ratios.length - 1]);
  }

  private static String minMedianMax(List<Result> results, ToDoubleFunction<Result> figure) {
    double[] values = results.stream().mapToDouble(figure).sorted().toArray();
    return "%.1f / %.1f / %.1f".formatted(values[0], values[values.length / 2], values[values.length - 1]);
  }

  private static String load() {
    try {
      return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fields 14 and 15 of {@code /proc/<pid>/stat} (after the command's closing parenthesis), at 100 ticks/s. */
  private static double cpuSeconds(long pid) {
    String[] fields = stat(pid);
    return fields.length < 13 ? 0 : (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  private static long parentOf(long pid) {
    String[] fields = stat(pid);
    return fields.length < 2 ? -1 : Long.parseLong(fields[1]);
  }

  /** The fields after the command name; none when the process has gone. */
  private static String[] stat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException e) {
      return new String[0];
    }
  }

  private static Map<String, String> appArgs() {
    return AppProcess.propertiesOf("benchmarks.engine.app-args");
  }

  /** A fresh embedded PostgreSQL and GreenMail, and the nodes started on them (one after the other). */
  private static final class Cluster implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final GreenMail mail;
    private final List<AppProcess> nodes = new ArrayList<>();
    private final String name;

    Cluster(String name) throws IOException {
      this.name = name;
      this.postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
          .setServerConfig("max_connections", "200").start();
      this.mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      mail.start();
    }

    String jdbcUrl() {
      return postgres.getJdbcUrl("postgres", "postgres");
    }

    AppProcess node(String nodeName) {
      AppProcess node = AppProcess.postgres(nodeName, jdbcUrl(), mail.getSmtp().getPort())
          .jar(AppProcess.packagedJar());
      if (Boolean.getBoolean("benchmarks.engine.jfr")) {
        node.addJvmOption("-XX:StartFlightRecording=filename=" + node.logFile().resolveSibling(nodeName
            + ".jfr") + ",settings=profile");
      }
      appArgs().forEach(node::property);
      nodes.add(node);
      long start = System.nanoTime();
      node.start().awaitReady(Duration.ofMinutes(5));
      System.out.printf("%s: %s ready after %.1f s (load %s)%n", name, nodeName, (System.nanoTime() - start) / 1e9,
          load());
      return node;
    }

    /** User + system CPU of the nodes' JVMs so far. */
    double appCpuSeconds() {
      return nodes.stream().mapToDouble(node -> cpuSeconds(node.pid())).sum();
    }

    /**
     * User + system CPU of the postmaster, of its live children (backends, autovacuum, writers) and of those that
     * have ended (the postmaster's cumulative children's time). Rough: single rounds swing by tens of ms per pass
     * when processes come and go between the readings; read it averaged over rounds.
     */
    double databaseCpuSeconds() {
      long postmaster = postmasterPid();
      String[] fields = stat(postmaster);
      double ended = fields.length < 15 ? 0 : (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
      try (var processes = Files.list(Path.of("/proc"))) {
        return ended + processes.filter(p -> p.getFileName().toString().matches("\\d+"))
            .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
            .filter(pid -> pid == postmaster || parentOf(pid) == postmaster)
            .mapToDouble(EngineThroughputBenchmark::cpuSeconds).sum();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    long databaseBytes() {
      return query("select pg_database_size(current_database())");
    }

    private long postmasterPid() {
      return parentOf(query("select pg_backend_pid()"));
    }

    private long query(String sql) {
      try (var connection = postgres.getPostgresDatabase().getConnection();
          var rows = connection.createStatement().executeQuery(sql)) {
        rows.next();
        return rows.getLong(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    void assertExactlyOnce(int lists) {
      List<String> problems = ExactlyOnceChecks.problems(jdbcUrl(), mail, lists, LIST_SIZE);
      System.out.printf("%s: %d lists checked for jobs, numbers and mails done once: %s%n", name, lists,
          problems.isEmpty() ? "no problem" : problems);
      assertThat(problems).isEmpty();
    }

    @Override
    public void close() throws IOException {
      nodes.forEach(AppProcess::close);
      mail.stop();
      postgres.close();
    }
  }
}
