package vn.giaydiduong.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The application as a separate JVM, for what one JVM cannot show: a node killed with SIGKILL, two nodes on one
 * database, a fresh start measured from outside. Runs the packaged jar when given one (production class loading,
 * for benchmarks), else the main class on this JVM's own class path (tests, before the jar exists). Its output
 * goes to {@code target/app-process/<name>.log}.
 *
 * <pre>{@code
 * try (AppProcess node = AppProcess.postgres("node-a", jdbcUrl, smtpPort).start()) {
 *   node.awaitLive(Duration.ofSeconds(90));
 *   ... node.baseUrl() ...
 *   node.kill();   // SIGKILL: no shutdown hook, no lock released
 * }
 * }</pre>
 */
public final class AppProcess implements AutoCloseable {

  public static final String ADMIN_USER = "quantri";
  public static final String ADMIN_PASSWORD = "Quantri-bench-2021";
  /** 32 bytes, Base64: the wards' private keys are encrypted with it (qr.PrivateKeyCipher). */
  public static final String MASTER_KEY = "dGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzLWxvbmctISE=";

  private static final String MAIN_CLASS = "vn.giaydiduong.GiayDiDuongApplication";

  private final String name;
  private final int port;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m"));
  private final List<String> arguments = new ArrayList<>();
  private Path jar;
  private Process process;
  private long startedNanos;

  private AppProcess(String name) {
    this.name = name;
    this.port = freePort();
    arguments.add("--server.port=" + port);
  }

  /** The production profile against {@code jdbcUrl} (user and password {@code postgres}), mail to localhost. */
  public static AppProcess postgres(String name, String jdbcUrl, int smtpPort) {
    return new AppProcess(name)
        .env("SPRING_PROFILES_ACTIVE", "postgres")
        .env("GIAYDIDUONG_DB_URL", jdbcUrl)
        .env("GIAYDIDUONG_DB_USER", "postgres")
        .env("GIAYDIDUONG_DB_PASSWORD", "postgres")
        .env("GIAYDIDUONG_SMTP_HOST", "127.0.0.1")
        .env("GIAYDIDUONG_SMTP_PORT", Integer.toString(smtpPort))
        .env("GIAYDIDUONG_ADMIN_USER", ADMIN_USER)
        .env("GIAYDIDUONG_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("GIAYDIDUONG_KEYS_MASTER_KEY", MASTER_KEY);
  }

  public AppProcess env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** A Spring property, e.g. {@code property("camunda.bpm.job-execution.enabled", "false")}. */
  public AppProcess property(String key, String value) {
    arguments.add("--" + key + "=" + value);
    return this;
  }

  /**
   * The Spring properties a benchmark's tuning experiment names in a system property, as {@code key=value}
   * separated by spaces (e.g. {@code -Dbenchmarks.engine.app-args="a.b=1 c.d=2"}); none if it is unset.
   */
  public static Map<String, String> propertiesOf(String systemProperty) {
    String args = System.getProperty(systemProperty, "").trim();
    Map<String, String> properties = new LinkedHashMap<>();
    if (!args.isEmpty()) {
      for (String kv : args.split("\\s+")) {
        properties.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    return properties;
  }

  /** Replaces the default {@code -Xmx512m} and adds any other JVM option. */
  public AppProcess jvmOptions(String... options) {
    jvmOptions.clear();
    jvmOptions.addAll(List.of(options));
    return this;
  }

  /** Adds a JVM option to those set so far (the default {@code -Xmx512m} or {@link #jvmOptions}). */
  public AppProcess addJvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Runs this jar ({@code java -jar}) instead of the class path of the running JVM. */
  public AppProcess jar(Path jar) {
    this.jar = jar;
    return this;
  }

  /** The jar that {@code ./mvnw package} repackaged, or an error naming the command that makes it. */
  public static Path packagedJar() {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("giay-di-duong-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no jar in target/: run ./mvnw -B package -DskipTests"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public AppProcess start() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dfile.encoding=UTF-8");
    command.add("-Duser.timezone=Asia/Ho_Chi_Minh");
    if (jar != null) {
      command.add("-jar");
      command.add(jar.toString());
    } else {
      command.add("-cp");
      command.add(mainClassPath());
      command.add(MAIN_CLASS);
    }
    command.addAll(arguments);
    try {
      Path log = logFile();
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      startedNanos = System.nanoTime();
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * The application's class path without the tests' classes and resources: {@code target/test-classes} holds
   * older versions of the models (migration tests) that would be deployed twice. Surefire names the real entries
   * in {@code surefire.test.class.path}; {@code java.class.path} is only its booter jar.
   */
  private static String mainClassPath() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Waits until liveness answers 200; fails early, with the log's path, if the JVM ends first. */
  public AppProcess awaitLive(Duration timeout) {
    return awaitHealth("liveness", timeout);
  }

  /** Waits until readiness answers 200 (the node takes traffic); fails early if the JVM ends first. */
  public AppProcess awaitReady(Duration timeout) {
    return awaitHealth("readiness", timeout);
  }

  /** Time since the JVM was launched: for measurements "in the first minute after start". */
  public Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private AppProcess awaitHealth(String group, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/" + group))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " ended with " + process.exitValue() + ", see " + logFile());
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    throw new IllegalStateException(name + " has no " + group + " after " + timeout + ", see " + logFile());
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return Path.of("target", "app-process", name + ".log");
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, as a power cut or the OOM killer would: no shutdown hook runs, the node's job locks stay. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  /** SIGTERM: Spring's graceful shutdown. */
  public void stop() {
    process.destroy();
    if (!waitFor()) {
      kill();
    }
  }

  @Override
  public void close() {
    if (isAlive()) {
      stop();
    }
  }

  private boolean waitFor() {
    try {
      return process.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
