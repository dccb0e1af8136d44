package vn.giaydiduong.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.fop.apps.EnvironmentalProfileFactory;
import org.apache.fop.apps.FOPException;
import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.XMLFilterImpl;
import vn.giaydiduong.common.PassKind;

/**
 * Renders passes to PDF: the pass data becomes a small XML document (built with DOM, so all user text is
 * escaped by construction), {@code templates/pdf/pass.xsl} turns it into XSL-FO and Apache FOP lays it out.
 * The compiled template and the FOP factory are immutable and thread-safe, so one instance serves all threads.
 */
@Component
public class PassPdfRenderer {

  static final String TEMPLATE = "templates/pdf/pass.xsl";
  static final String FOP_CONFIG = "templates/pdf/fop.xconf";

  private static final String FO_NAMESPACE = "http://www.w3.org/1999/XSL/Format";
  private static final int PASSES_PER_PAGE = 4;
  static final int PROGRESS_PAGES = 25;
  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  private final Templates template;
  private final FopFactory fopFactory;
  private final DocumentBuilderFactory documentBuilderFactory;
  private final Object fopSetupLock = new Object();
  private final FopQrImages qrImages = new FopQrImages();

  static {
    // FOP wraps every image's stream in an ImageIO stream, which by default buffers it in a temporary file.
    ImageIO.setUseCache(false);
  }

  public PassPdfRenderer() {
    this(PassPdfRenderer.class.getClassLoader());
  }

  /** Template, configuration and fonts from the given class loader (the benchmark's packaged jar). */
  PassPdfRenderer(ClassLoader classLoader) {
    this.template = compileTemplate(classLoader);
    this.fopFactory = createFopFactory(classLoader, qrImages);
    this.documentBuilderFactory = DocumentBuilderFactory.newInstance();
  }

  /** One pass on one A6 portrait page. */
  public byte[] renderPass(PassPrint pass) {
    Objects.requireNonNull(pass, "pass");
    String title = (pass.kind() == PassKind.MARKET_CARD ? "Thẻ đi chợ số " : "Giấy đi đường số ") + pass.passNumber();
    return render(List.of(pass), "single", title);
  }

  /**
   * Print bundle: A4 portrait pages of four A6 passes or market cards in a 2×2 grid with cut guides; the last page
   * may be partly empty.
   */
  public byte[] renderBundle(List<PassPrint> passes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    renderBundle(passes, out, rendered -> { });
    return out.toByteArray();
  }

  /**
   * The print bundle written to {@code out} as FOP produces it; {@code progress} hears the number of passes laid
   * out so far every {@value #PROGRESS_PAGES} pages and once at the end.
   */
  public void renderBundle(List<PassPrint> passes, OutputStream out, IntConsumer progress) {
    if (passes == null || passes.isEmpty()) {
      throw new IllegalArgumentException("A print bundle needs at least one pass");
    }
    if (passes.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("A print bundle must not contain null passes");
    }
    try (FopQrImages.DrawAhead codes = qrImages.drawAhead(passes.stream().map(PassPrint::qrText).toList())) {
      render(passes, "bundle", "Tập in " + passes.size() + " giấy đi đường, thẻ đi chợ", out, pages -> {
        codes.laidOut(pages * PASSES_PER_PAGE);
        if (pages % PROGRESS_PAGES == 0) {
          // Every QR image is used once: without this, FOP's image cache keeps thousands of them for the
          // length of a city-scale bundle.
          fopFactory.getImageManager().getCache().clearCache();
          progress.accept(Math.min(pages * PASSES_PER_PAGE, passes.size()));
        }
      });
    }
    progress.accept(passes.size());
  }

  /** The title goes into the PDF metadata, where viewers show it. */
  private byte[] render(List<PassPrint> passes, String layout, String title) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    render(passes, layout, title, out, pages -> { });
    return out.toByteArray();
  }

  /** {@code pageDone} hears the number of page sequences (one per page in both layouts) finished so far. */
  private void render(List<PassPrint> passes, String layout, String title, OutputStream out, IntConsumer pageDone) {
    try {
      FOUserAgent userAgent = fopFactory.newFOUserAgent();
      userAgent.setProducer("giay-di-duong");
      userAgent.setTitle(title);
      Fop fop;
      // FOP reads its configuration as a lazily expanded Xerces DOM while setting up the renderer and
      // fonts in newFop(); concurrent reads of that DOM corrupt it. Layout and output run unlocked.
      synchronized (fopSetupLock) {
        fop = fopFactory.newFop(MimeConstants.MIME_PDF, userAgent, out);
      }
      Transformer transformer = template.newTransformer();
      transformer.transform(new DOMSource(toXml(passes, layout)),
          new SAXResult(new PageCounter(fop.getDefaultHandler(), pageDone)));
    } catch (FOPException | TransformerException e) {
      throw new PdfRenderException("Could not render a " + layout + " PDF of " + passes.size() + " passes", e);
    }
  }

  /** Counts finished page sequences; FOP has laid a sequence out and written its pages when its end arrives. */
  private static final class PageCounter extends XMLFilterImpl {

    private final IntConsumer pageDone;
    private int pages;

    PageCounter(ContentHandler fop, IntConsumer pageDone) {
      setContentHandler(fop);
      this.pageDone = pageDone;
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      super.endElement(uri, localName, qName);
      if ("page-sequence".equals(localName) && FO_NAMESPACE.equals(uri)) {
        pageDone.accept(++pages);
      }
    }
  }

  private Document toXml(List<PassPrint> passes, String layout) {
    Document doc;
    try {
      // DocumentBuilderFactory is not guaranteed thread-safe; builders are cheap, so one per call.
      synchronized (documentBuilderFactory) {
        doc = documentBuilderFactory.newDocumentBuilder().newDocument();
      }
    } catch (ParserConfigurationException e) {
      throw new PdfRenderException("No XML DOM implementation", e);
    }
    Element root = doc.createElement("passes");
    root.setAttribute("layout", layout);
    doc.appendChild(root);
    for (PassPrint pass : passes) {
      Element el = doc.createElement("pass");
      el.setAttribute("kind", pass.kind().name());
      el.setAttribute("zone", pass.zone().name());
      el.setAttribute("zoneLabel", pass.zone().label());
      add(el, "number", pass.passNumber());
      add(el, "holderName", pass.holderName());
      add(el, "idNumber", pass.maskedIdNumber());
      add(el, "dateOfBirth", format(pass.dateOfBirth()));
      add(el, "organization", pass.organization());
      add(el, "household", pass.household());
      add(el, "address", pass.address());
      add(el, "destination", pass.destination());
      add(el, "purpose", pass.purpose());
      add(el, "allowedDays", pass.allowedDays());
      add(el, "ward", pass.wardName());
      add(el, "district", pass.districtName());
      add(el, "policeUnit", pass.policeUnitName());
      add(el, "validFrom", format(pass.validFrom()));
      add(el, "validUntil", format(pass.validUntil()));
      add(el, "stampedAt", DATE_TIME.format(pass.stampedAt().atZone(HANOI)));
      add(el, "keyId", pass.keyId());
      add(el, "qr", FopQrImages.uri(pass.qrText()));
      root.appendChild(el);
    }
    return doc;
  }

  /** Adds a child element unless the value is blank, so the template can test for presence alone. */
  private static void add(Element parent, String name, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    Element child = parent.getOwnerDocument().createElement(name);
    child.setTextContent(clean(value));
    parent.appendChild(child);
  }

  /**
   * NFC so decomposed input (e.g. typed on macOS) uses the font's precomposed Vietnamese glyphs;
   * characters XML 1.0 forbids are dropped rather than breaking the transformation.
   */
  private static String clean(String value) {
    String nfc = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
    StringBuilder sb = new StringBuilder(nfc.length());
    nfc.codePoints()
        .filter(c -> c == '\t' || c == '\n' || c == '\r'
            || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }

  private static String format(LocalDate date) {
    return date == null ? null : DATE.format(date);
  }

  private static Templates compileTemplate(ClassLoader classLoader) {
    try (InputStream xsl = open(classLoader, TEMPLATE)) {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      return factory.newTemplates(new StreamSource(xsl, "classpath:/" + TEMPLATE));
    } catch (IOException | TransformerConfigurationException e) {
      throw new IllegalStateException("Cannot compile " + TEMPLATE, e);
    }
  }

  private static FopFactory createFopFactory(ClassLoader classLoader, FopQrImages qrImages) {
    try (InputStream config = open(classLoader, FOP_CONFIG)) {
      // Restricted I/O: FOP's default fallback makes a java.net.URL of every image's system id (our classpath:
      // base), a search of all jars for a URL handler per image, and may read files; this one only takes what
      // the resolver gives.
      FopConfParser parser = new FopConfParser(config, EnvironmentalProfileFactory.createRestrictedIO(
          URI.create("classpath:/templates/pdf/"), new ClasspathResourceResolver(classLoader)));
      FopFactory factory = parser.getFopFactoryBuilder().build();
      qrImages.register(factory.getImageManager().getRegistry());
      return factory;
    } catch (IOException | SAXException e) {
      throw new IllegalStateException("Cannot configure FOP from " + FOP_CONFIG, e);
    }
  }

  private static InputStream open(ClassLoader classLoader, String path) throws IOException {
    InputStream in = classLoader.getResourceAsStream(path);
    if (in == null) {
      throw new IOException("Not on the classpath: " + path);
    }
    return in;
  }
}
