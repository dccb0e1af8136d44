package vn.giaydiduong.pdf;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import javax.xml.transform.Source;
import org.apache.xmlgraphics.image.loader.Image;
import org.apache.xmlgraphics.image.loader.ImageContext;
import org.apache.xmlgraphics.image.loader.ImageFlavor;
import org.apache.xmlgraphics.image.loader.ImageInfo;
import org.apache.xmlgraphics.image.loader.ImageSessionContext;
import org.apache.xmlgraphics.image.loader.ImageSize;
import org.apache.xmlgraphics.image.loader.impl.AbstractImageLoader;
import org.apache.xmlgraphics.image.loader.impl.AbstractImageLoaderFactory;
import org.apache.xmlgraphics.image.loader.impl.ImageBuffered;
import org.apache.xmlgraphics.image.loader.spi.ImageImplRegistry;
import org.apache.xmlgraphics.image.loader.spi.ImageLoader;
import org.apache.xmlgraphics.image.loader.spi.ImagePreloader;
import vn.giaydiduong.qr.QrImages;

/**
 * Hands FOP the pass QR codes as images drawn straight from ZXing's matrix: no PNG written and decoded again per
 * pass. The code's text travels as a {@code data:} URI of a type of our own, which FOP resolves itself; any
 * other URI goes through {@code InternalResourceResolver.resolveFromBase}, which turns our {@code classpath:} base
 * into a {@code java.net.URL} and so searches every jar for a URL handler of that scheme, per image. Being asked
 * first, the preloader also spares each image the probing by FOP's other preloaders (the SVG one creates a SAX
 * parser through a service lookup over the jars). For long documents the codes are drawn ahead on the other cores
 * ({@link #drawAhead}); one instance per FOP factory.
 */
final class FopQrImages {

  /** An image type of our own: only the loader below claims these images. */
  private static final String MIME = "application/x.giaydiduong-qr";
  private static final String URI_PREFIX = "data:" + MIME + ";base64,";
  /** How many passes ahead of FOP's layout codes are drawn: each drawn code holds about 12 KB of heap. */
  static final int AHEAD = 64;

  /** Codes being drawn ahead, by text; the preloader takes its code from here or draws it itself. */
  private final Map<String, ForkJoinTask<BufferedImage>> drawn = new ConcurrentHashMap<>();

  /** The URI that makes FOP print {@code text} as a QR code. */
  static String uri(String text) {
    return URI_PREFIX + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  void register(ImageImplRegistry registry) {
    registry.registerPreloader(new Preloader());
    registry.registerLoaderFactory(new LoaderFactory());
  }

  /**
   * Starts drawing the codes of {@code texts}, printed in this order, on the common fork-join pool (the other
   * cores); {@link DrawAhead#laidOut} keeps it {@value #AHEAD} passes ahead of FOP. FOP's thread then only
   * lays out, which is what bounds a long bundle's time on a single job thread.
   */
  DrawAhead drawAhead(List<String> texts) {
    DrawAhead ahead = new DrawAhead(texts);
    ahead.laidOut(0);
    return ahead;
  }

  final class DrawAhead implements AutoCloseable {

    private final List<String> texts;
    private int next;

    private DrawAhead(List<String> texts) {
      this.texts = texts;
    }

    /** {@code passes} passes are laid out: draw up to {@value #AHEAD} beyond them. */
    void laidOut(int passes) {
      for (; next < texts.size() && next < passes + AHEAD; next++) {
        drawn.computeIfAbsent(texts.get(next), text -> ForkJoinPool.commonPool().submit(() -> QrImages.image(text)));
      }
    }

    /** Drops what FOP did not take (a failed render, or a text printed twice). */
    @Override
    public void close() {
      for (int i = 0; i < next; i++) {
        ForkJoinTask<BufferedImage> code = drawn.remove(texts.get(i));
        if (code != null) {
          code.cancel(false);
        }
      }
    }
  }

  /** Draws the code while FOP lays the page out (it needs the size); the loader hands the same image over. */
  private final class Preloader implements ImagePreloader {

    @Override
    public ImageInfo preloadImage(String uri, Source src, ImageContext context) {
      if (!uri.startsWith(URI_PREFIX)) {
        return null;
      }
      String text = new String(Base64.getDecoder().decode(uri.substring(URI_PREFIX.length())),
          StandardCharsets.US_ASCII);
      ForkJoinTask<BufferedImage> ahead = drawn.remove(text);
      BufferedImage image = ahead != null ? ahead.join() : QrImages.image(text);
      ImageInfo info = new ImageInfo(uri, MIME);
      ImageSize size = new ImageSize(image.getWidth(), image.getHeight(), context.getSourceResolution());
      size.calcSizeFromPixels();
      info.setSize(size);
      info.getCustomObjects().put(ImageInfo.ORIGINAL_IMAGE, new ImageBuffered(info, image, null));
      return info;
    }

    /** Before FOP's own preloaders (1000 and more). */
    @Override
    public int getPriority() {
      return 0;
    }
  }

  private static final class LoaderFactory extends AbstractImageLoaderFactory {

    @Override
    public String[] getSupportedMIMETypes() {
      return new String[] {MIME};
    }

    @Override
    public ImageFlavor[] getSupportedFlavors(String mime) {
      return new ImageFlavor[] {ImageFlavor.BUFFERED_IMAGE};
    }

    @Override
    public ImageLoader newImageLoader(ImageFlavor targetFlavor) {
      return new AbstractImageLoader() {
        @Override
        public Image loadImage(ImageInfo info, Map<String, Object> hints, ImageSessionContext session) {
          return info.getOriginalImage();
        }

        @Override
        public ImageFlavor getTargetFlavor() {
          return ImageFlavor.BUFFERED_IMAGE;
        }
      };
    }

    @Override
    public boolean isAvailable() {
      return true;
    }
  }
}
