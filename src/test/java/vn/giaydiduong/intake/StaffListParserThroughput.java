package vn.giaydiduong.intake;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How long a 5,000-row staff list takes to read and check, and how large the files are. Not a unit test: run with
 * {@code ./mvnw -B -q test -Dtest=StaffListParserThroughput -Dbenchmarks=true}; figures go to docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class StaffListParserThroughput {

  @Test
  void fiveThousandRows() {
    StaffListParser parser = new StaffListParser();
    List<List<Object>> rows = StaffListFiles.people(5000);
    byte[] xlsx = StaffListFiles.xlsx(rows);
    byte[] csv = StaffListFiles.csv(rows, ',', true);
    for (int warmup = 0; warmup < 3; warmup++) {
      parser.parse("ds.xlsx", xlsx);
      parser.parse("ds.csv", csv);
    }
    report("XLSX", xlsx.length, () -> parser.parse("ds.xlsx", xlsx));
    report("CSV", csv.length, () -> parser.parse("ds.csv", csv));
  }

  private static void report(String kind, int bytes, Runnable parse) {
    int runs = 10;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      parse.run();
    }
    long ms = (System.nanoTime() - start) / 1_000_000 / runs;
    System.out.printf("%s 5000 rows, %d KB: %d ms per list (mean of %d), heap delta ~%d MB%n", kind,
        bytes / 1024, ms, runs, (rt.totalMemory() - rt.freeMemory() - before) / 1024 / 1024);
  }
}
