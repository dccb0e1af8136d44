package vn.giaydiduong.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;

/** Reads rendered PDFs back the way a person or a checkpoint scanner would. */
public final class PdfAssertions {

  static final float DPI = 300;
  private static final float MM_PER_INCH = 25.4f;

  private PdfAssertions() {
  }

  public static PDDocument load(byte[] pdf) throws IOException {
    return Loader.loadPDF(pdf);
  }

  public static String pageText(PDDocument doc, int pageIndex) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setStartPage(pageIndex + 1);
    stripper.setEndPage(pageIndex + 1);
    return stripper.getText(doc);
  }

  public static List<PDFont> fonts(PDPage page) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    for (COSName name : page.getResources().getFontNames()) {
      fonts.add(page.getResources().getFont(name));
    }
    return fonts;
  }

  public static BufferedImage renderPage(PDDocument doc, int pageIndex) throws IOException {
    return new PDFRenderer(doc).renderImageWithDPI(pageIndex, DPI, ImageType.GRAY);
  }

  /** The image region of a bundle cell (column, row) of 105 × 148 mm. */
  public static BufferedImage cell(BufferedImage page, int column, int row) {
    int width = Math.round(105 / MM_PER_INCH * DPI);
    int height = Math.round(148 / MM_PER_INCH * DPI);
    return page.getSubimage(column * width, row * height,
        Math.min(width, page.getWidth() - column * width), Math.min(height, page.getHeight() - row * height));
  }

  /**
   * Decodes the one QR code in the image as a scanner app would, trying the binarizers a phone tries: ZXing's
   * detector sometimes misses a sharp, correct code in a large region with text and cut lines around it.
   */
  public static String decodeQr(BufferedImage image) throws NotFoundException {
    Map<DecodeHintType, Object> hints = Map.of(
        DecodeHintType.TRY_HARDER, Boolean.TRUE,
        DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    NotFoundException notFound = NotFoundException.getNotFoundInstance();
    // A phone retries too: other sizes and another binarizer (one try missed a few in a hundred sharp codes).
    for (BufferedImage candidate : List.of(image, scaled(image, 0.5), scaled(image, 0.75), scaled(image, 0.33))) {
      BufferedImageLuminanceSource source = new BufferedImageLuminanceSource(candidate);
      for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
          new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
        try {
          return new MultiFormatReader().decode(bitmap, hints).getText();
        } catch (NotFoundException e) {
          notFound = e;
        }
      }
    }
    throw notFound;
  }

  private static BufferedImage scaled(BufferedImage image, double factor) {
    int width = (int) Math.round(image.getWidth() * factor);
    int height = (int) Math.round(image.getHeight() * factor);
    BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    java.awt.Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return scaled;
  }
}
