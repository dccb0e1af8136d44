package vn.giaydiduong.supervision;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import vn.giaydiduong.common.AccessDeniedException;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.identity.Officials;
import vn.giaydiduong.identity.Role;
import vn.giaydiduong.supervision.OpenTasks.Load;
import vn.giaydiduong.supervision.SupervisionFigures.CheckCount;
import vn.giaydiduong.supervision.SupervisionFigures.Count;
import vn.giaydiduong.supervision.SupervisionFigures.Delivery;
import vn.giaydiduong.supervision.Table.Column;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * The supervisors' dashboard: the figures of the wards the current user may watch (the city for supervisors and
 * administrators, one district for its supervisors), narrowed by the query, as tables per day, per ward, per
 * district, per ward and day, and of checks by result.
 */
@Service
class SupervisionDashboard {

  static final String NOT_A_SUPERVISOR = "Chỉ người giám sát (thành phố hoặc quận/huyện) được xem bảng theo dõi.";
  static final String OTHER_DISTRICT = "Bạn chỉ được xem số liệu của quận/huyện mình giám sát.";
  /** Up to this many wards in scope, the ward table lists every one, idle ones too; beyond, only active ones. */
  private static final int LIST_IDLE_WARDS_UP_TO = 60;

  /** Verdicts of the check log (names of verify.VerificationStatus, a public API) as the checkpoint page says. */
  static final Map<String, String> CHECK_RESULTS = orderedMap("VALID", "Hợp lệ", "EXPIRED", "Hết hạn",
      "NOT_YET_VALID", "Chưa có hiệu lực", "NOT_VALID_TODAY", "Không đúng ngày", "REVOKED", "Đã bị thu hồi",
      "BAD_SIGNATURE", "Giả mạo", "UNKNOWN_KEY", "Không rõ nguồn", "MALFORMED", "Không đọc được");

  static final List<String> TABLES = List.of("days", "wards", "districts", "ward-days", "checks");

  /** A report: the query it answers, the wards the user may watch, and its tables by name. */
  record Report(SupervisionQuery query, List<Ward> watchable, Map<String, Table> tables) {
  }

  private final Officials officials;
  private final WardRegistry wardRegistry;
  private final SupervisionFigures figures;
  private final OpenTasks openTasks;

  SupervisionDashboard(Officials officials, WardRegistry wardRegistry, SupervisionFigures figures,
      OpenTasks openTasks) {
    this.officials = officials;
    this.wardRegistry = wardRegistry;
    this.figures = figures;
    this.openTasks = openTasks;
  }

  Report report(SupervisionQuery query) {
    Set<String> watched = officials.currentUserWatchedDistricts();
    List<Ward> scope = scope(query, watched);
    // The whole city unfiltered also counts checks of codes naming no known ward.
    boolean wholeCity = officials.currentUserSupervises() && query.district() == null && query.ward() == null;
    Collection<String> wardCodes = wholeCity ? null : scope.stream().map(Ward::code).toList();

    Map<Measure, List<Count>> counts = figures.counts(query, wardCodes);
    List<CheckCount> checks = figures.checks(query, wardCodes);
    List<Delivery> deliveries = figures.deliveries(query, wardCodes);
    Map<String, Map<Role, Load>> tasks = openTasks.byWard(wardCodes, query.kind());

    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put("days", days(query, counts, checks, deliveries));
    tables.put("wards", wards(scope, counts, checks, deliveries, tasks));
    tables.put("districts", districts(scope, counts, checks, deliveries, tasks));
    tables.put("ward-days", wardDays(scope, counts, checks));
    tables.put("checks", checks(query, checks));
    return new Report(query, wardRegistry.all().stream().filter(w -> watched.contains(w.districtCode())).toList(),
        tables);
  }

  /** The wards of the query within what the user may watch; refused in Vietnamese otherwise. */
  private List<Ward> scope(SupervisionQuery query, Set<String> watched) {
    if (watched.isEmpty()) {
      throw new AccessDeniedException(NOT_A_SUPERVISOR);
    }
    if (query.district() != null && !watched.contains(query.district())) {
      throw new AccessDeniedException(OTHER_DISTRICT);
    }
    Ward ward = query.ward() == null ? null : wardRegistry.find(query.ward()).orElse(null);
    // An unknown ward answers like a foreign one.
    if (query.ward() != null && (ward == null || !watched.contains(ward.districtCode()))) {
      throw new AccessDeniedException(OTHER_DISTRICT);
    }
    if (ward != null && query.district() != null && !ward.districtCode().equals(query.district())) {
      throw new InvalidInputException(ward.name() + " không thuộc quận/huyện đã chọn.");
    }
    return wardRegistry.all().stream().filter(w -> watched.contains(w.districtCode()))
        .filter(w -> query.district() == null || w.districtCode().equals(query.district()))
        .filter(w -> ward == null || w.code().equals(ward.code())).toList();
  }

  // ---- tables ----

  private static List<Column> measureColumns() {
    List<Column> columns = new ArrayList<>();
    for (Measure measure : Measure.values()) {
      columns.add(new Column(measure.key(), measure.label()));
    }
    columns.add(new Column("checks", "Lượt kiểm tra"));
    return columns;
  }

  private static Column medianColumn() {
    return new Column("medianHours", "Trung vị từ đăng ký đến khi giao (giờ)");
  }

  /** Open work is a snapshot of now, whatever the date range: the headers say so, the range selects past figures. */
  private static List<Column> taskColumns() {
    List<Column> columns = new ArrayList<>();
    for (Role role : Role.values()) {
      columns.add(new Column("open_" + role.groupId(), "Việc đang mở (hiện tại) – " + role.label()));
      columns.add(new Column("overdue_" + role.groupId(), "Việc quá hạn (hiện tại) – " + role.label()));
    }
    return columns;
  }

  private Table days(SupervisionQuery query, Map<Measure, List<Count>> counts, List<CheckCount> checks,
      List<Delivery> deliveries) {
    Map<LocalDate, long[]> byDay = sums(counts, checks, Count::day, CheckCount::day);
    Map<LocalDate, List<Duration>> durations = group(deliveries, Delivery::day);
    List<Column> columns = new ArrayList<>(List.of(new Column("day", "Ngày")));
    columns.addAll(measureColumns());
    columns.add(medianColumn());
    List<List<Object>> rows = new ArrayList<>();
    for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
      List<Object> row = new ArrayList<>(List.of(day));
      addAll(row, byDay.get(day));
      row.add(medianHours(durations.get(day)));
      rows.add(row);
    }
    return new Table("days", "Theo ngày", columns, rows);
  }

  private Table wards(List<Ward> scope, Map<Measure, List<Count>> counts, List<CheckCount> checks,
      List<Delivery> deliveries, Map<String, Map<Role, Load>> tasks) {
    Map<String, long[]> byWard = sums(counts, checks, Count::wardCode, CheckCount::wardCode);
    Map<String, List<Duration>> durations = group(deliveries, Delivery::wardCode);
    List<Column> columns = new ArrayList<>(List.of(new Column("districtCode", "Mã quận/huyện"),
        new Column("district", "Quận/huyện"), new Column("wardCode", "Mã phường/xã"),
        new Column("ward", "Phường/xã"), new Column("zone", "Vùng")));
    columns.addAll(measureColumns());
    columns.add(medianColumn());
    columns.addAll(taskColumns());
    List<List<Object>> rows = new ArrayList<>();
    for (Ward ward : scope) {
      if (scope.size() > LIST_IDLE_WARDS_UP_TO && !byWard.containsKey(ward.code())
          && !tasks.containsKey(ward.code())) {
        continue;
      }
      List<Object> row = new ArrayList<>(List.of(ward.districtCode(), ward.districtName(), ward.code(),
          ward.name(), ward.zone().label()));
      addAll(row, byWard.get(ward.code()));
      row.add(medianHours(durations.get(ward.code())));
      addTasks(row, tasks.getOrDefault(ward.code(), Map.of()));
      rows.add(row);
    }
    return new Table("wards", "Theo phường/xã", columns, rows);
  }

  private Table districts(List<Ward> scope, Map<Measure, List<Count>> counts, List<CheckCount> checks,
      List<Delivery> deliveries, Map<String, Map<Role, Load>> tasks) {
    Map<String, Ward> wardsByCode = new HashMap<>();
    scope.forEach(ward -> wardsByCode.put(ward.code(), ward));
    Function<String, String> districtOf = code -> wardsByCode.containsKey(code)
        ? wardsByCode.get(code).districtCode() : null;
    Map<String, long[]> byDistrict = sums(counts, checks, c -> districtOf.apply(c.wardCode()),
        c -> districtOf.apply(c.wardCode()));
    Map<String, List<Duration>> durations = group(deliveries, d -> districtOf.apply(d.wardCode()));
    Map<String, Map<Role, Load>> districtTasks = new HashMap<>();
    tasks.forEach((ward, loads) -> {
      String district = districtOf.apply(ward);
      if (district != null) {
        loads.forEach((role, load) -> districtTasks.computeIfAbsent(district, d -> new HashMap<>())
            .merge(role, load, Load::plus));
      }
    });
    Map<String, String> names = new TreeMap<>();
    scope.forEach(ward -> names.put(ward.districtCode(), ward.districtName()));

    List<Column> columns = new ArrayList<>(List.of(new Column("districtCode", "Mã quận/huyện"),
        new Column("district", "Quận/huyện")));
    columns.addAll(measureColumns());
    columns.add(medianColumn());
    columns.addAll(taskColumns());
    List<List<Object>> rows = new ArrayList<>();
    names.forEach((code, name) -> {
      List<Object> row = new ArrayList<>(List.of(code, name));
      addAll(row, byDistrict.get(code));
      row.add(medianHours(durations.get(code)));
      addTasks(row, districtTasks.getOrDefault(code, Map.of()));
      rows.add(row);
    });
    return new Table("districts", "Theo quận/huyện", columns, rows);
  }

  private Table wardDays(List<Ward> scope, Map<Measure, List<Count>> counts, List<CheckCount> checks) {
    record WardDay(String wardCode, LocalDate day) {
    }
    Map<WardDay, long[]> sums = sums(counts, checks, c -> new WardDay(c.wardCode(), c.day()),
        c -> c.wardCode() == null ? null : new WardDay(c.wardCode(), c.day()));
    List<Column> columns = new ArrayList<>(List.of(new Column("day", "Ngày"),
        new Column("districtCode", "Mã quận/huyện"), new Column("district", "Quận/huyện"),
        new Column("wardCode", "Mã phường/xã"), new Column("ward", "Phường/xã")));
    columns.addAll(measureColumns());
    Map<String, Ward> wardsByCode = new HashMap<>();
    scope.forEach(ward -> wardsByCode.put(ward.code(), ward));
    List<List<Object>> rows = new ArrayList<>();
    sums.entrySet().stream()
        .filter(e -> wardsByCode.containsKey(e.getKey().wardCode()))
        .sorted(Comparator.comparing((Map.Entry<WardDay, long[]> e) -> e.getKey().day())
            .thenComparing(e -> e.getKey().wardCode()))
        .forEach(e -> {
          Ward ward = wardsByCode.get(e.getKey().wardCode());
          List<Object> row = new ArrayList<>(List.of(e.getKey().day(), ward.districtCode(), ward.districtName(),
              ward.code(), ward.name()));
          addAll(row, e.getValue());
          rows.add(row);
        });
    return new Table("ward-days", "Theo phường/xã và ngày", columns, rows);
  }

  private Table checks(SupervisionQuery query, List<CheckCount> checks) {
    Map<LocalDate, Map<String, Long>> byDay = new HashMap<>();
    checks.forEach(c -> byDay.computeIfAbsent(c.day(), d -> new HashMap<>()).merge(c.status(), c.count(),
        Long::sum));
    List<Column> columns = new ArrayList<>(List.of(new Column("day", "Ngày")));
    CHECK_RESULTS.forEach((status, label) -> columns.add(new Column(status, label)));
    columns.add(new Column("total", "Tổng"));
    List<List<Object>> rows = new ArrayList<>();
    for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
      Map<String, Long> results = byDay.getOrDefault(day, Map.of());
      List<Object> row = new ArrayList<>(List.of(day));
      CHECK_RESULTS.keySet().forEach(status -> row.add(results.getOrDefault(status, 0L)));
      row.add(results.values().stream().mapToLong(Long::longValue).sum());
      rows.add(row);
    }
    return new Table("checks", "Kiểm tra theo kết quả", columns, rows);
  }

  // ---- helpers ----

  /** Sums per key: one slot per measure, then the checks; rows whose key is {@code null} are left out. */
  private static <K> Map<K, long[]> sums(Map<Measure, List<Count>> counts, List<CheckCount> checks,
      Function<Count, K> key, Function<CheckCount, K> checkKey) {
    int slots = Measure.values().length + 1;
    Map<K, long[]> sums = new HashMap<>();
    counts.forEach((measure, rows) -> rows.forEach(row -> {
      K k = key.apply(row);
      if (k != null) {
        sums.computeIfAbsent(k, x -> new long[slots])[measure.ordinal()] += row.count();
      }
    }));
    checks.forEach(row -> {
      K k = checkKey.apply(row);
      if (k != null) {
        sums.computeIfAbsent(k, x -> new long[slots])[slots - 1] += row.count();
      }
    });
    return sums;
  }

  private static <K> Map<K, List<Duration>> group(List<Delivery> deliveries, Function<Delivery, K> key) {
    Map<K, List<Duration>> groups = new HashMap<>();
    deliveries.forEach(d -> {
      K k = key.apply(d);
      if (k != null) {
        groups.computeIfAbsent(k, x -> new ArrayList<>()).add(d.sinceRegistration());
      }
    });
    return groups;
  }

  /** The median in hours, one decimal; {@code null} when nothing was delivered. */
  static Double medianHours(List<Duration> durations) {
    if (durations == null || durations.isEmpty()) {
      return null;
    }
    long[] seconds = durations.stream().mapToLong(Duration::getSeconds).sorted().toArray();
    int n = seconds.length;
    double median = n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2.0;
    return Math.round(median / 360.0) / 10.0;
  }

  private static void addAll(List<Object> row, long[] sums) {
    long[] values = sums == null ? new long[Measure.values().length + 1] : sums;
    Arrays.stream(values).forEach(row::add);
  }

  private static void addTasks(List<Object> row, Map<Role, Load> loads) {
    for (Role role : Role.values()) {
      Load load = loads.getOrDefault(role, new Load(0, 0));
      row.add(load.open());
      row.add(load.overdue());
    }
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
