package vn.giaydiduong.qr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Renders pass QR codes. Level Q survives ~25% damage (creased, dirty printouts); the 4-module
 * quiet zone is what the QR standard asks for. ZXing picks alphanumeric mode by itself for
 * Base45 text, which is why the format uses Base45.
 */
@Component
public class QrImages {

    static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q,
            EncodeHintType.MARGIN, 4);

    private static final int MIN_SIZE_PX = 64;
    private static final int MAX_SIZE_PX = 2_000;

    public byte[] png(String text, int sizePx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(text, sizePx), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** At least {@code sizePx} square; ZXing rounds up to whole pixels per module. */
    public BufferedImage image(String text, int sizePx) {
        if (sizePx < MIN_SIZE_PX || sizePx > MAX_SIZE_PX) {
            throw new IllegalArgumentException("sizePx must be in " + MIN_SIZE_PX + ".." + MAX_SIZE_PX + ": " + sizePx);
        }
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, sizePx, sizePx, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code", e);
        }
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }
}
