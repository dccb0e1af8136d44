package vn.giaydiduong.operations;

/** What the operations tests change, the same in each class so they share one application context. */
final class OperationsTestSettings {

  /** A tiny backlog threshold, so a few started instances cross it. */
  static final int BACKLOG_THRESHOLD = 3;
  static final String THRESHOLD = "giaydiduong.operations.job-backlog-threshold=" + BACKLOG_THRESHOLD;
  /** Every probe counts the jobs anew, so a test sees the backlog it just created. */
  static final String NO_HEALTH_CACHE = "giaydiduong.operations.health-cache-ttl=0s";
  /** Tests call OperationsMetrics.refresh() themselves; the background round runs once, at start. */
  static final String NO_BACKGROUND_REFRESH = "giaydiduong.operations.metrics-refresh-interval=PT1H";

  private OperationsTestSettings() {
  }
}
