package vn.giaydiduong.qr;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * Renders pass QR codes. Level Q survives ~25% damage (creased, dirty printouts); the 4-module quiet zone is
 * what the QR standard asks for. ZXing picks alphanumeric mode by itself for Base45 text, which is why the
 * format uses Base45.
 */
public final class QrImages {

  /** The standard quiet zone; part of the image so the printed size already includes it. */
  private static final int QUIET_ZONE_MODULES = 4;
  /**
   * Whole pixels per module keep module edges sharp (the PDF image is not interpolated). 4 rather than 1 so
   * viewers that smooth scaled images anyway blur only module edges; more only costs FOP decoding time
   * without a visible gain. The 1-bit image is embedded in under 1 KB.
   */
  private static final int PIXELS_PER_MODULE = 4;

  private QrImages() {
  }

  /** The QR code as a PNG data URI, as the PDF templates embed it. */
  public static String pngDataUri(String text) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
  }

  /** A 1-bit PNG with whole pixels per module and the quiet zone included. */
  public static byte[] png(String text) {
    ByteMatrix matrix;
    try {
      // Q recovers ~25% damage: folded or smudged paper at a checkpoint.
      matrix = Encoder.encode(text, ErrorCorrectionLevel.Q).getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException("QR text cannot be encoded (too long?): " + text.length() + " chars", e);
    }
    int modules = matrix.getWidth() + 2 * QUIET_ZONE_MODULES;
    int size = modules * PIXELS_PER_MODULE;
    // TYPE_BYTE_BINARY's default palette is 0 = black, 1 = white.
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
    WritableRaster raster = image.getRaster();
    int[] white = new int[size * PIXELS_PER_MODULE];
    Arrays.fill(white, 1);
    for (int y = 0; y < size; y += PIXELS_PER_MODULE) {
      raster.setPixels(0, y, size, PIXELS_PER_MODULE, white);
    }
    int[] black = new int[PIXELS_PER_MODULE * PIXELS_PER_MODULE];
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        if (matrix.get(x, y) == 1) {
          raster.setPixels((x + QUIET_ZONE_MODULES) * PIXELS_PER_MODULE,
              (y + QUIET_ZONE_MODULES) * PIXELS_PER_MODULE,
              PIXELS_PER_MODULE, PIXELS_PER_MODULE, black);
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
