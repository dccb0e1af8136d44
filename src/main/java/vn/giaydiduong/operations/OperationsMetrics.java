package vn.giaydiduong.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recomputes the business and engine metrics every {@code giaydiduong.operations.metrics-refresh-interval} on
 * one background thread. A scrape reads only the values in memory, so however often (and by however many
 * Prometheus servers) the node is scraped, the database sees one round of count queries per interval.
 * A failed round keeps the last values; {@code giaydiduong_metrics_refresh_failures_total} and
 * {@code giaydiduong_metrics_last_refresh_seconds} tell stale figures from quiet wards.
 */
@Component
public class OperationsMetrics implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(OperationsMetrics.class);

  private final BusinessMetrics business;
  private final EngineMetrics engine;
  private final OperationsProperties properties;
  private final Counter businessFailures;
  private final Counter engineFailures;
  private final AtomicLong lastBusinessRefresh = new AtomicLong();
  private final AtomicLong lastEngineRefresh = new AtomicLong();
  private volatile ScheduledExecutorService scheduler;

  public OperationsMetrics(JdbcTemplate jdbc, ProcessEngine processEngine, MeterRegistry registry,
      OperationsProperties properties) {
    MeterValues meters = new MeterValues(registry);
    this.business = new BusinessMetrics(jdbc, meters);
    this.engine = new EngineMetrics(processEngine, meters);
    this.properties = properties;
    this.businessFailures = failures(registry, "business");
    this.engineFailures = failures(registry, "engine");
    lastRefresh(registry, "business", lastBusinessRefresh);
    lastRefresh(registry, "engine", lastEngineRefresh);
  }

  /** Recomputes every metric now (the background thread calls it; tests too). */
  public synchronized void refresh() {
    try {
      business.refresh();
      lastBusinessRefresh.set(System.currentTimeMillis() / 1000);
    } catch (RuntimeException e) {
      businessFailures.increment();
      LOG.warn("Business metrics not refreshed, the last values stay: {}", e.toString());
    }
    try {
      engine.refresh();
      lastEngineRefresh.set(System.currentTimeMillis() / 1000);
    } catch (RuntimeException e) {
      engineFailures.increment();
      LOG.warn("Engine metrics not refreshed, the last values stay: {}", e.toString());
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "operations-metrics");
      thread.setDaemon(true);
      return thread;
    });
    long interval = properties.metricsRefreshInterval().toMillis();
    executor.scheduleWithFixedDelay(this::refresh, 0, interval, TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = scheduler;
    scheduler = null;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }

  private static Counter failures(MeterRegistry registry, String source) {
    return Counter.builder("giaydiduong.metrics.refresh.failures").tag("source", source)
        .description("Refresh rounds that failed (the metrics keep their last values)").register(registry);
  }

  private static void lastRefresh(MeterRegistry registry, String source, AtomicLong epochSeconds) {
    Gauge.builder("giaydiduong.metrics.last.refresh", epochSeconds, AtomicLong::get).tag("source", source)
        .baseUnit("seconds").description("When the metrics were last recomputed (Unix time)")
        .strongReference(true).register(registry);
  }
}
