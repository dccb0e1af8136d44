package vn.giaydiduong.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters whose values are set by a periodic query instead of by the code that does the work. A meter is
 * registered when its tags first appear and is never removed: when a row disappears from a result its value
 * becomes 0, so a series does not vanish and reappear between scrapes. Tag values come only from bounded sets
 * (ward codes of the ward table, process keys, verdicts), never from request data.
 */
final class MeterValues {

  enum Type { COUNTER, GAUGE }

  private record Key(String name, Tags tags) {
  }

  private final MeterRegistry registry;
  private final Map<Key, AtomicLong> values = new ConcurrentHashMap<>();

  MeterValues(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets every meter named {@code name} from {@code rows} (tags to value); meters not in {@code rows} read 0. */
  void update(String name, Type type, String description, Map<Tags, Long> rows) {
    values.forEach((key, value) -> {
      if (key.name().equals(name) && !rows.containsKey(key.tags())) {
        value.set(0);
      }
    });
    rows.forEach((tags, count) -> values.computeIfAbsent(new Key(name, tags), key -> {
      AtomicLong value = new AtomicLong();
      if (type == Type.COUNTER) {
        FunctionCounter.builder(name, value, AtomicLong::get).tags(tags).description(description).register(registry);
      } else {
        Gauge.builder(name, value, AtomicLong::get).tags(tags).description(description).strongReference(true)
            .register(registry);
      }
      return value;
    }).set(count));
  }

  /** Same as {@link #update} for a meter without tags. */
  void update(String name, Type type, String description, long value) {
    update(name, type, description, Map.of(Tags.empty(), value));
  }
}
