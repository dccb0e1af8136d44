package vn.giaydiduong.qr;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

class QrImagesTest {

  private final PassCodec codec = new PassCodec();

  @Test
  void pngDecodesBackToTheSameText() throws Exception {
    String text = codec.encode(typicalPass(), PassFixtures.newKey("00004"));

    byte[] png = QrImages.png(text);
    BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
    String decoded = new QRCodeReader().decode(
        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(read))),
        Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE)).getText();

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

  private static PassClaims typicalPass() {
    String name = "Công Tôn Nữ Thị Phương Thảo My";
    assertThat(name).hasSize(30);
    return new PassClaims("00004-000017", PassKind.ORGANIZATION, name, "001******789",
        "Công ty CP Thực phẩm Hà Nội", "00004", Zone.ORANGE, LocalDate.of(2021, 8, 23),
        LocalDate.of(2021, 9, 6), null, "CA-00004", Instant.parse("2021-08-22T09:30:00Z"));
  }
}
