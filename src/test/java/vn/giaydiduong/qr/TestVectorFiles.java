package vn.giaydiduong.qr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

/** The test-vector files quoted in docs/qr-format.md. */
final class TestVectorFiles {

  static final Path DIR = Path.of("src/test/resources/qr");
  static final Path DOC = Path.of("docs/qr-format.md");
  static final String PUBLIC_JWK = "test-key.public.jwk.json";
  static final String PRIVATE_PKCS8 = "test-key.private.pkcs8.b64";
  static final String CLAIMS = "vector-1.claims.json";
  static final String QR_TEXT = "vector-1.qr.txt";
  static final String CWT_HEX = "vector-1.cwt-payload.hex";
  static final String COSE_HEX = "vector-1.cose-sign1.hex";
  static final String[] ALL = {PUBLIC_JWK, PRIVATE_PKCS8, CLAIMS, QR_TEXT, CWT_HEX, COSE_HEX};

  private TestVectorFiles() {
  }

  static String read(String name) {
    try {
      return Files.readString(DIR.resolve(name)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(String name, String content) throws IOException {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(name), content.strip() + "\n");
  }

  static PassClaims claimsFromJson(String json) throws IOException {
    JsonNode n = new ObjectMapper().readTree(json);
    return new PassClaims(n.get("passId").asText(), PassKind.valueOf(n.get("kind").asText()),
        n.get("holderName").asText(), n.get("maskedIdNumber").asText(), textOrNull(n, "organization"),
        n.get("wardCode").asText(), Zone.valueOf(n.get("zone").asText()),
        LocalDate.parse(n.get("validFrom").asText()), LocalDate.parse(n.get("validUntil").asText()),
        textOrNull(n, "dayRule"), n.get("issuer").asText(), Instant.parse(n.get("issuedAt").asText()));
  }

  private static String textOrNull(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
