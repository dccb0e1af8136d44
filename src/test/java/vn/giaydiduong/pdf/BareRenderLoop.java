package vn.giaydiduong.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import javax.xml.transform.Templates;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.commons.codec.binary.Base45;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The benchmark's baseline: sign + QR + PDF written the plain way with the same libraries and the same template
 * and fonts, and none of the application's code. One FopFactory (fonts as files on disk, as a standalone tool
 * would have them), one compiled Templates, ZXing's own writer, JDK ECDSA, the XML built as a string.
 */
final class BareRenderLoop {

  private final FopFactory fopFactory;
  private final Templates templates;
  private final KeyPair keyPair;
  private final Object fopSetupLock = new Object();
  private final ThreadLocal<Signature> signature;

  /** Template, configuration and fonts are taken from {@code resources} (the packaged jar); fonts go to disk. */
  BareRenderLoop(ClassLoader resources) throws Exception {
    Path fonts = Files.createTempDirectory("bare-fonts-");
    for (String font : List.of("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")) {
      try (InputStream in = resources.getResourceAsStream("templates/fonts/" + font)) {
        Files.copy(in, fonts.resolve(font));
      }
      fonts.resolve(font).toFile().deleteOnExit();
    }
    fonts.toFile().deleteOnExit();
    String config;
    try (InputStream in = resources.getResourceAsStream(PassPdfRenderer.FOP_CONFIG)) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("classpath:/templates/fonts/", "");
    }
    fopFactory = new FopConfParser(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)),
        fonts.toUri()).getFopFactoryBuilder().build();
    try (InputStream xsl = resources.getResourceAsStream(PassPdfRenderer.TEMPLATE)) {
      templates = TransformerFactory.newInstance().newTemplates(new StreamSource(xsl));
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    keyPair = generator.generateKeyPair();
    signature = ThreadLocal.withInitial(() -> {
      try {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keyPair.getPrivate());
        return s;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Signs, encodes and renders the passes as one document: A6 pages ("single") or A4 pages of four. */
  byte[] render(List<PassPrint> passes, String layout) throws Exception {
    StringBuilder xml = new StringBuilder(4096 * passes.size()).append("<passes layout=\"").append(layout)
        .append("\">");
    for (PassPrint p : passes) {
      xml.append("<pass kind=\"").append(p.kind().name()).append("\" zone=\"").append(p.zone().name())
          .append("\" zoneLabel=\"").append(escape(p.zone().label())).append("\">");
      element(xml, "number", p.passNumber());
      element(xml, "holderName", p.holderName());
      element(xml, "idNumber", p.maskedIdNumber());
      element(xml, "dateOfBirth", p.dateOfBirth() == null ? null : p.dateOfBirth().toString());
      element(xml, "organization", p.organization());
      element(xml, "household", p.household());
      element(xml, "address", p.address());
      element(xml, "destination", p.destination());
      element(xml, "purpose", p.purpose());
      element(xml, "allowedDays", p.allowedDays());
      element(xml, "ward", p.wardName());
      element(xml, "district", p.districtName());
      element(xml, "policeUnit", p.policeUnitName());
      element(xml, "validFrom", p.validFrom().toString());
      element(xml, "validUntil", p.validUntil().toString());
      element(xml, "stampedAt", p.stampedAt().toString());
      element(xml, "keyId", p.keyId());
      element(xml, "qr", "data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng(sign(p))));
      xml.append("</pass>");
    }
    xml.append("</passes>");
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    org.apache.fop.apps.Fop fop;
    synchronized (fopSetupLock) { // FOP's configuration DOM is not safe for concurrent newFop()
      fop = fopFactory.newFop(MimeConstants.MIME_PDF, out);
    }
    templates.newTransformer().transform(new StreamSource(new StringReader(xml.toString())),
        new SAXResult(fop.getDefaultHandler()));
    return out.toByteArray();
  }

  /** The same shape as the application's payload: claims + ECDSA signature, zlib, Base45. */
  private String sign(PassPrint p) throws GeneralSecurityException {
    byte[] claims = String.join("|", p.passNumber(), p.kind().name(), p.holderName(), p.maskedIdNumber(),
        p.zone().name(), p.validFrom().toString(), p.validUntil().toString(), p.keyId(), p.stampedAt().toString())
        .getBytes(StandardCharsets.UTF_8);
    Signature s = signature.get();
    s.update(claims);
    byte[] sig = s.sign();
    byte[] payload = new byte[claims.length + sig.length];
    System.arraycopy(claims, 0, payload, 0, claims.length);
    System.arraycopy(sig, 0, payload, claims.length, sig.length);
    Deflater deflater = new Deflater();
    deflater.setInput(payload);
    deflater.finish();
    byte[] buffer = new byte[payload.length + 64];
    int n = deflater.deflate(buffer);
    deflater.end();
    return "HN1:" + new Base45().encodeToString(java.util.Arrays.copyOf(buffer, n));
  }

  private static byte[] qrPng(String text) throws Exception {
    // 308 px: 4 px per module for the version-13 code of a 250-character payload with its quiet zone.
    BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 308, 308,
        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 4));
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      MatrixToImageWriter.writeToStream(matrix, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void element(StringBuilder xml, String name, String value) {
    if (value != null && !value.isBlank()) {
      xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
