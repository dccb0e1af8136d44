package vn.giaydiduong.qr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.Map;

import com.google.zxing.EncodeHintType;
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
   * viewers that smooth scaled images anyway blur only module edges; more only costs FOP compression time
   * without a visible gain. The 1-bit image is embedded in under 1 KB. {@link #image} relies on it being 4.
   */
  private static final int PIXELS_PER_MODULE = 4;

  /**
   * One mask pattern for every code: ZXing otherwise draws the code with all 8 and scores each, 90 % of the
   * encoding time. Masks exist to break up runs and finder-like patterns in the data; our payload is compressed
   * and signed, so it looks random under every mask. Measured on 480 pass codes (docs/benchmarks.md, W1): mask 0,
   * ZXing's own most frequent choice, scored at most 1.25 × the best mask's penalty (median 1.05), and the check
   * page's decoder and ZXing read all 480.
   */
  private static final Map<EncodeHintType, Object> MASK = Map.of(EncodeHintType.QR_MASK_PATTERN, 0);

  private QrImages() {
  }

  /**
   * The code as a 1-bit image, whole pixels per module, quiet zone included (0 = black). Written into the raster's
   * bytes directly: with 4 pixels per module and a 4-module quiet zone every module is one aligned half byte.
   */
  public static BufferedImage image(String text) {
    ByteMatrix matrix;
    try {
      // Q recovers ~25% damage: folded or smudged paper at a checkpoint.
      matrix = Encoder.encode(text, ErrorCorrectionLevel.Q, MASK).getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException("QR text cannot be encoded (too long?): " + text.length() + " chars", e);
    }
    int size = (matrix.getWidth() + 2 * QUIET_ZONE_MODULES) * PIXELS_PER_MODULE;
    // TYPE_BYTE_BINARY's default palette is 0 = black, 1 = white; rows are padded to whole bytes.
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    Arrays.fill(pixels, (byte) 0xFF);
    int stride = (size + 7) / 8;
    for (int y = 0; y < matrix.getHeight(); y++) {
      int top = (y + QUIET_ZONE_MODULES) * PIXELS_PER_MODULE;
      for (int x = 0; x < matrix.getWidth(); x++) {
        if (matrix.get(x, y) == 1) {
          int left = (x + QUIET_ZONE_MODULES) * PIXELS_PER_MODULE;
          int keep = left % 8 == 0 ? 0x0F : 0xF0;
          for (int row = top; row < top + PIXELS_PER_MODULE; row++) {
            pixels[row * stride + left / 8] &= (byte) keep;
          }
        }
      }
    }
    return image;
  }
}
