package vn.giaydiduong.supervision;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.giaydiduong.common.InvalidInputException;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.supervision.SupervisionDashboard.Report;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.Zone;

/**
 * The supervisors' dashboard API: every table as JSON for the page ({@code /supervision/}), and each table as CSV
 * or XLSX. Parameters (all optional): {@code district}, {@code ward}, {@code kind} ({@code INDIVIDUAL},
 * {@code ORGANIZATION}, {@code MARKET_CARD}), {@code from} and {@code to} (Hanoi days, yyyy-mm-dd or dd/mm/yyyy).
 */
@RestController
class SupervisionController {

  private static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  record WardChoice(String code, String name, String zone) {
  }

  record DistrictChoice(String code, String name, List<WardChoice> wards) {
  }

  private final SupervisionDashboard dashboard;

  SupervisionController(SupervisionDashboard dashboard) {
    this.dashboard = dashboard;
  }

  @GetMapping("/api/supervision/dashboard")
  Map<String, Object> dashboard(@RequestParam(required = false) String district,
      @RequestParam(required = false) String ward, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Report report = dashboard.report(SupervisionQuery.of(district, ward, kind, from, to));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", report.query().from().toString());
    body.put("to", report.query().to().toString());
    // The choices of the page's filters: the districts and wards this user may watch.
    Map<String, DistrictChoice> districts = new LinkedHashMap<>();
    for (Ward w : report.watchable()) {
      districts.computeIfAbsent(w.districtCode(), code -> new DistrictChoice(code, w.districtName(),
          new ArrayList<>())).wards().add(new WardChoice(w.code(), w.name(), w.zone().name()));
    }
    body.put("districts", districts.values());
    body.put("kinds", List.of(PassKind.values()).stream()
        .map(k -> Map.of("code", k.name(), "label", k.label())).toList());
    body.put("zones", List.of(Zone.values()).stream()
        .map(z -> Map.of("code", z.name(), "label", z.label())).toList());
    body.put("tables", report.tables());
    return body;
  }

  @GetMapping("/api/supervision/{table}.csv")
  ResponseEntity<byte[]> csv(@PathVariable String table, @RequestParam(required = false) String district,
      @RequestParam(required = false) String ward, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Report report = report(table, district, ward, kind, from, to);
    return file(report, table, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8),
        TableExports.csv(report.tables().get(table)));
  }

  @GetMapping("/api/supervision/{table}.xlsx")
  ResponseEntity<byte[]> xlsx(@PathVariable String table, @RequestParam(required = false) String district,
      @RequestParam(required = false) String ward, @RequestParam(required = false) String kind,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    Report report = report(table, district, ward, kind, from, to);
    return file(report, table, "xlsx", XLSX, TableExports.xlsx(report.tables().get(table)));
  }

  private Report report(String table, String district, String ward, String kind, String from, String to) {
    if (!SupervisionDashboard.TABLES.contains(table)) {
      throw new InvalidInputException("Không có bảng " + table + ". Các bảng: "
          + String.join(", ", SupervisionDashboard.TABLES) + ".");
    }
    return dashboard.report(SupervisionQuery.of(district, ward, kind, from, to));
  }

  private static ResponseEntity<byte[]> file(Report report, String table, String extension, MediaType type,
      byte[] content) {
    String filename = "giam-sat-" + table + "-" + report.query().from() + "-" + report.query().to() + "."
        + extension;
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
            .toString())
        .body(content);
  }
}
