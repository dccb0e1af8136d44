package vn.giaydiduong.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough single-thread throughput and output sizes, printed, never asserted:
 * {@code ./mvnw test -Dtest=PassPdfRendererThroughput -Dbenchmarks=true}.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class PassPdfRendererThroughput {

  private static final int WARM_UP = 30;
  private static final int MEASURED = 200;

  @Test
  void reportThroughputAndSizes() {
    PassPdfRenderer renderer = new PassPdfRenderer();
    for (int i = 0; i < WARM_UP; i++) {
      renderer.renderPass(SamplePasses.individual("Nguyễn Thị Hằng", i));
    }
    long bytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < MEASURED; i++) {
      bytes += renderer.renderPass(SamplePasses.individual("Nguyễn Thị Hằng", 1000 + i)).length;
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    List<PassPrint> four = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      four.add(SamplePasses.organization("Đặng Văn Ưng " + i, 2000 + i));
    }
    byte[] page = renderer.renderBundle(four);

    System.out.printf("renderPass: %d passes in %.2f s = %.1f passes/s single-threaded; "
            + "single pass PDF ≈ %d bytes; 4-pass A4 page PDF = %d bytes%n",
        MEASURED, seconds, MEASURED / seconds, bytes / MEASURED, page.length);
    assertThat(bytes).isPositive();
    assertThat(page).isNotEmpty();
  }
}
