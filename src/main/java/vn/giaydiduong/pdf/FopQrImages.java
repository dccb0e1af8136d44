package vn.giaydiduong.pdf;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
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
 * Hands FOP the pass QR codes as images drawn straight from ZXing's matrix, for {@code qr:<text>} URIs: no PNG
 * written and decoded again per pass. Being asked first, the preloader also spares every QR image the probing by
 * FOP's other preloaders (the SVG one creates a SAX parser through a service lookup over the jars per image).
 */
final class FopQrImages {

  static final String SCHEME = "qr";
  /** An image type of our own: only the loader below claims these images. */
  private static final String MIME = "image/x-giaydiduong-qr";

  private FopQrImages() {
  }

  /** The URI that makes FOP print {@code text} as a QR code. */
  static String uri(String text) {
    try {
      return new URI(SCHEME, text, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("QR text cannot be put in a URI", e);
    }
  }

  static void register(ImageImplRegistry registry) {
    registry.registerPreloader(new Preloader());
    registry.registerLoaderFactory(new LoaderFactory());
  }

  /** Draws the code while FOP lays the page out (it needs the size); the loader hands the same image over. */
  private static final class Preloader implements ImagePreloader {

    @Override
    public ImageInfo preloadImage(String uri, Source src, ImageContext context) {
      if (!uri.startsWith(SCHEME + ":")) {
        return null;
      }
      BufferedImage image = QrImages.image(URI.create(uri).getSchemeSpecificPart());
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
