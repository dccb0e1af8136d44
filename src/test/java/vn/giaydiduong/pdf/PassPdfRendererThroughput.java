package vn.giaydiduong.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough single-thread throughput and output sizes, printed, never asserted:
 * {@code ./mvnw test -Dtest=PassPdfRendererThroughput -Dbenchmarks=true}. Also a bundle's fixed cost: the JVM's CPU
 * per pass of the 9-pass bundles a W3 list prints against a 1,000-pass bundle.
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

  @Test
  void reportBundleCostPerPass_smallAgainstLarge() {
    PassPdfRenderer renderer = new PassPdfRenderer();
    List<PassPrint> nine = bundle(9, 0);
    List<PassPrint> thousand = bundle(1000, 10_000);
    for (int i = 0; i < 40; i++) {
      renderer.renderBundle(nine);
    }
    renderer.renderBundle(thousand);
    for (int round = 0; round < 3; round++) {
      double small = cpuMillis(() -> IntStream.range(0, 200).forEach(i -> renderer.renderBundle(nine))) / (200 * 9);
      double large = cpuMillis(() -> renderer.renderBundle(thousand)) / 1000;
      System.out.printf("bundle CPU per pass: 9-pass bundles %.2f ms, 1,000-pass bundle %.2f ms%n", small, large);
    }
  }

  private static List<PassPrint> bundle(int size, int firstNumber) {
    return IntStream.range(0, size).mapToObj(i -> SamplePasses.individual("Nguyễn Thị Hằng " + i, firstNumber + i))
        .toList();
  }

  /** The JVM's CPU time, so that the QR codes drawn ahead on other threads count too. */
  private static double cpuMillis(Runnable work) {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long start = os.getProcessCpuTime();
    work.run();
    return (os.getProcessCpuTime() - start) / 1e6;
  }
}
