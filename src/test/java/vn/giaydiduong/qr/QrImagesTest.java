package vn.giaydiduong.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Mode;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

class QrImagesTest {

  private final PassCodec codec = new PassCodec();

  @Test
  void imageDecodesBackToTheSameText() throws Exception {
    String text = codec.encode(typicalPass(), PassFixtures.newKey("00004"));

    BufferedImage read = QrImages.image(text);
    String decoded = zxing(read);

    // Whole pixels per module (4) around a version 10+ code with its 4-module quiet zone.
    assertThat(read.getWidth()).isGreaterThanOrEqualTo(4 * (57 + 8)).isEqualTo(read.getHeight());
    assertThat(decoded).isEqualTo(text);
  }

  @Test
  void typicalPassFitsAModestAlphanumericQrCode() throws Exception {
    PassClaims pass = typicalPass();
    String text = codec.encode(pass, PassFixtures.newKey("00004"));

    QRCode qr = Encoder.encode(text, ErrorCorrectionLevel.Q);

    System.out.printf("typical pass: %d-char name, %d-char QR text, version %d (%d modules), mode %s, EC %s%n",
        pass.holderName().length(), text.length(), qr.getVersion().getVersionNumber(),
        qr.getVersion().getDimensionForVersion(), qr.getMode(), qr.getECLevel());
    assertThat(qr.getMode()).isEqualTo(Mode.ALPHANUMERIC);
    // Version 15 (77 modules) still scans from a phone at arm's length on an A6 printout.
    assertThat(qr.getVersion().getVersionNumber()).isLessThanOrEqualTo(15);
  }

  /**
   * The offline check page's decoder (run in Node, as its web worker runs it in the phone) and ZXing read every one
   * of a spread of payloads, drawn with the fixed mask pattern. 24 codes by default; {@code -Dqr.scan.count=480}
   * for the measurement in docs/benchmarks.md (W1: all 480 read by both).
   */
  @Test
  void printedCodesScanWithTheCheckPagesDecoderAndZxing() throws Exception {
    assumeTrue(nodeAvailable(), "node is needed to run the check page's decoder");
    SigningKey key = PassFixtures.newKey("00004");
    List<String> texts = new ArrayList<>();
    List<String> images = new ArrayList<>();
    Path dir = Files.createTempDirectory("qr-scan-");
    for (int i = 0; i < Integer.getInteger("qr.scan.count", 24); i++) {
      PassClaims claims = typicalPass();
      String text = codec.encode(new PassClaims("00004-%06d".formatted(i), claims.kind(),
          claims.holderName().substring(0, 6 + i % 24), claims.maskedIdNumber(), claims.organization(),
          claims.wardCode(), claims.zone(), claims.validFrom(), claims.validUntil(), null, claims.issuer(),
          claims.issuedAt().plusSeconds(i)), key);
      BufferedImage image = QrImages.image(text);
      assertThat(zxing(image)).isEqualTo(text);
      Path file = dir.resolve(i + ".grey");
      Files.write(file, grey(image));
      texts.add(text);
      images.add(file.toString());
    }
    List<String> command = new ArrayList<>(List.of("node", "src/test/resources/qr/scan-with-check-page.mjs",
        "src/main/resources/static/check/vendor/qr-scanner-worker.min.js"));
    command.addAll(images);
    Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor()).as(output).isZero();
    ObjectMapper json = new ObjectMapper();
    List<String> decoded = new ArrayList<>();
    for (String line : output.strip().split("\n")) {
      decoded.add(json.readTree(line).asText(null));
    }
    assertThat(decoded).containsExactlyElementsOf(texts);
  }

  /**
   * ZXing reading the image as the pure, upright code it is. Its finder-pattern detector (what a photo needs)
   * misses about 3 % of such perfect synthetic codes (47 of 1,500 passes measured, with or without TRY_HARDER), so
   * a test using it fails at random; the check page's own decoder is the one checkpoints use, tested below.
   */
  private static String zxing(BufferedImage image) throws Exception {
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
        Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
  }

  private static byte[] grey(BufferedImage image) {
    ByteBuffer bytes = ByteBuffer.allocate(8 + image.getWidth() * image.getHeight());
    bytes.putInt(image.getWidth()).putInt(image.getHeight());
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        bytes.put((byte) (image.getRGB(x, y) & 0xFF));
      }
    }
    return bytes.array();
  }

  private static boolean nodeAvailable() {
    try {
      return new ProcessBuilder("node", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static PassClaims typicalPass() {
    String name = "Công Tôn Nữ Thị Phương Thảo My";
    assertThat(name).hasSize(30);
    return new PassClaims("00004-000017", PassKind.ORGANIZATION, name, "001******789",
        "Công ty CP Thực phẩm Hà Nội", "00004", Zone.ORANGE, LocalDate.of(2021, 8, 23),
        LocalDate.of(2021, 9, 6), null, "CA-00004", Instant.parse("2021-08-22T09:30:00Z"));
  }
}
