package vn.giaydiduong.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

import com.google.zxing.NotFoundException;

class PassPdfRendererTest {

  private static final float MM = 72 / 25.4f;

  private final PassPdfRenderer renderer = new PassPdfRenderer();

  @Test
  void individualPassShowsVietnameseTextInTheEmbeddedFont() throws Exception {
    try (PDDocument doc = PdfAssertions.load(renderer.renderPass(SamplePasses.individual("Nguyễn Thị Hằng", 1)))) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      PDRectangle size = doc.getPage(0).getMediaBox();
      assertThat(size.getWidth()).isCloseTo(105 * MM, within(1f));
      assertThat(size.getHeight()).isCloseTo(148 * MM, within(1f));

      String text = PdfAssertions.pageText(doc, 0);
      assertThat(text).contains(
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc",
          "GIẤY ĐI ĐƯỜNG",
          "Số: TB-2021-000001",
          "Nguyễn Thị Hằng",
          "001******123",
          "14/03/1985",
          "Bệnh viện Bạch Mai",
          "Có giá trị từ 06/09/2021 đến 21/09/2021",
          "Vùng đỏ",
          "Phường Trúc Bạch – Quận Ba Đình",
          // 01:30 UTC is 08:30 in Hanoi
          "Đã đóng dấu điện tử: Công an phường Trúc Bạch — 06/09/2021 08:30",
          "cat-tb-2021-01",
          "Xuất trình kèm CCCD/CMND. Kiểm tra: quét mã QR.");
      assertThat(text).doesNotContain("THẺ ĐI CHỢ", "Cơ quan, đơn vị:", "Ngày đi chợ:");
      assertFontsEmbeddedNotoSans(doc.getPage(0));
      assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Giấy đi đường số TB-2021-000001");
    }
  }

  @Test
  void marketCardHasItsOwnTitleAndAllowedDays() throws Exception {
    try (PDDocument doc = PdfAssertions.load(renderer.renderPass(SamplePasses.marketCard("Đặng Văn Ưng", 2)))) {
      String text = PdfAssertions.pageText(doc, 0);
      assertThat(text).contains("THẺ ĐI CHỢ", "Người đi chợ:", "Đặng Văn Ưng", "Vùng xanh", "Ngày đi chợ:",
          "Thứ 2, 4, 6 — 6h00–11h00", "Hộ gia đình:", "Chủ hộ Trần Văn Hùng — 4 nhân khẩu",
          "Có giá trị từ 06/09/2021 đến 21/09/2021");
      assertThat(text).doesNotContain("GIẤY ĐI ĐƯỜNG", "Nơi đến:");
      assertFontsEmbeddedNotoSans(doc.getPage(0));
    }
  }

  @Test
  void organizationPassShowsOrganizationAndLeavesOutMissingFields() throws Exception {
    try (PDDocument doc = PdfAssertions.load(renderer.renderPass(SamplePasses.organization("Lê Quý Đôn", 3)))) {
      String text = PdfAssertions.pageText(doc, 0);
      assertThat(text).contains("GIẤY ĐI ĐƯỜNG", "Vùng cam", "Cơ quan, đơn vị:",
          "Công ty TNHH Thực phẩm Sạch Hà Nội", "Vận chuyển hàng hóa thiết yếu",
          "Đã đóng dấu điện tử: Công an phường Trúc Bạch — 06/09/2021 09:15");
      assertThat(text).doesNotContain("Ngày sinh:", "Địa chỉ:");
    }
  }

  @Test
  void qrCodeScansBackToTheSignedPayload() throws Exception {
    PassPrint pass = SamplePasses.individual("Nguyễn Thị Hằng", 42);
    assertThat(pass.qrText()).startsWith("HN1:").hasSize(250);
    try (PDDocument doc = PdfAssertions.load(renderer.renderPass(pass))) {
      assertThat(PdfAssertions.decodeQr(PdfAssertions.renderPage(doc, 0))).isEqualTo(pass.qrText());
    }
  }

  @Test
  void bundleTilesFourPassesPerA4PageAndEveryQrScans() throws Exception {
    List<PassPrint> passes = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      passes.add(switch (i % 3) {
        case 0 -> SamplePasses.individual("Nguyễn Thị Hằng " + i, 100 + i);
        case 1 -> SamplePasses.organization("Đặng Văn Ưng " + i, 100 + i);
        default -> SamplePasses.marketCard("Trần Thị Ánh " + i, 100 + i);
      });
    }
    try (PDDocument doc = PdfAssertions.load(renderer.renderBundle(passes))) {
      assertThat(doc.getNumberOfPages()).isEqualTo(3);
      for (int page = 0; page < 3; page++) {
        PDRectangle size = doc.getPage(page).getMediaBox();
        assertThat(size.getWidth()).isCloseTo(595, within(1f));
        assertThat(size.getHeight()).isCloseTo(842, within(1f));

        String text = PdfAssertions.pageText(doc, page);
        BufferedImage image = PdfAssertions.renderPage(doc, page);
        for (int cell = 0; cell < 4; cell++) {
          int index = page * 4 + cell;
          BufferedImage region = PdfAssertions.cell(image, cell % 2, cell / 2);
          if (index < passes.size()) {
            assertThat(text).contains(passes.get(index).holderName());
            assertThat(PdfAssertions.decodeQr(region))
                .as("QR of pass %d (page %d, cell %d)", index, page, cell)
                .isEqualTo(passes.get(index).qrText());
          } else {
            assertThatThrownBy(() -> PdfAssertions.decodeQr(region)).isInstanceOf(NotFoundException.class);
          }
        }
        for (int other = 0; other < passes.size(); other++) {
          if (other / 4 != page) {
            // trailing space: "… 1" must not match "… 10"-style names on other pages
            assertThat(text).doesNotContain(passes.get(other).holderName() + "\n");
          }
        }
      }
    }
  }

  @Test
  void markupInUserDataIsPrintedLiterally() throws Exception {
    PassPrint pass = SamplePasses.individual("<script>&", 7);
    try (PDDocument doc = PdfAssertions.load(renderer.renderPass(pass))) {
      assertThat(PdfAssertions.pageText(doc, 0)).contains("<script>&");
    }
    PassPrint tricky = SamplePasses.organization("Hằng \"A\" & <b>B</b> ]]> &amp;", 8);
    try (PDDocument doc = PdfAssertions.load(renderer.renderBundle(List.of(tricky)))) {
      assertThat(PdfAssertions.pageText(doc, 0)).contains("Hằng \"A\" & <b>B</b> ]]> &amp;");
    }
  }

  @Test
  void decomposedInputIsPrintedWithPrecomposedGlyphs() throws Exception {
    String nfd = Normalizer.normalize("Nguyễn Thị Hằng", Normalizer.Form.NFD);
    try (PDDocument doc = PdfAssertions.load(renderer.renderPass(SamplePasses.individual(nfd, 9)))) {
      assertThat(PdfAssertions.pageText(doc, 0)).contains("Nguyễn Thị Hằng");
    }
  }

  @Test
  void aStreamedBundleReportsProgressPerRunOfPagesAndAtTheEnd() throws Exception {
    int count = PassPdfRenderer.PROGRESS_PAGES * 4 + 1;
    List<PassPrint> passes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      passes.add(SamplePasses.organization("Đặng Văn Ưng " + i, 300 + i));
    }
    List<Integer> progress = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    renderer.renderBundle(passes, out, progress::add);

    assertThat(progress).containsExactly(count - 1, count);
    int lastPage = PassPdfRenderer.PROGRESS_PAGES;
    try (PDDocument doc = PdfAssertions.load(out.toByteArray())) {
      assertThat(doc.getNumberOfPages()).isEqualTo(lastPage + 1);
      assertThat(PdfAssertions.pageText(doc, lastPage)).contains("Đặng Văn Ưng " + (count - 1));
      assertThat(PdfAssertions.decodeQr(PdfAssertions.cell(PdfAssertions.renderPage(doc, lastPage), 0, 0)))
          .isEqualTo(passes.get(count - 1).qrText());
    }
  }

  @Test
  void bundleNeedsAtLeastOnePass() {
    assertThatThrownBy(() -> renderer.renderBundle(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> renderer.renderBundle(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void oneRendererServesConcurrentCalls() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        PassPrint pass = SamplePasses.marketCard("Phạm Thị Thu " + i, 200 + i);
        results.add(pool.submit(() -> {
          try (PDDocument doc = PdfAssertions.load(renderer.renderPass(pass))) {
            return PdfAssertions.pageText(doc, 0);
          }
        }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).contains("Phạm Thị Thu " + i + "\n");
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void assertFontsEmbeddedNotoSans(PDPage page) throws Exception {
    List<PDFont> fonts = PdfAssertions.fonts(page);
    assertThat(fonts).isNotEmpty();
    for (PDFont font : fonts) {
      assertThat(font.isEmbedded()).as("%s embedded", font.getName()).isTrue();
      assertThat(font.getName()).contains("NotoSans");
    }
  }
}
