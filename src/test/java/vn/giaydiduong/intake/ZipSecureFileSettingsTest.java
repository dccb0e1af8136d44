package vn.giaydiduong.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.Test;

/**
 * POI's own zip-bomb guards stand behind {@link Spreadsheets}' count: once it is loaded, POI refuses a package of
 * more entries than a workbook has (its default lets 1000 through) and parts over 32 MB (its default is 4 GB).
 */
class ZipSecureFileSettingsTest {

  @Test
  void poiLimitsAreSetOnceSpreadsheetsIsLoaded() throws Exception {
    Spreadsheets.read("Tệp", "Họ và tên\nA\n".getBytes(StandardCharsets.UTF_8), StaffListParser.LIMITS);
    assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(32L * 1024 * 1024);
    assertThat(ZipSecureFile.getMaxFileCount()).isEqualTo(Spreadsheets.MAX_ZIP_ENTRIES);
    assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(0.01);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < 300; i++) {
        zip.putNextEntry(new ZipEntry("xl/part" + i + ".xml"));
        zip.write("<a/>".getBytes(StandardCharsets.UTF_8));
      }
    }
    // Straight to POI, past Spreadsheets' own check: POI's guard alone refuses it.
    assertThatThrownBy(() -> OPCPackage.open(new ByteArrayInputStream(out.toByteArray())).close())
        .hasStackTraceContaining("MAX_FILE_COUNT: 200");
  }
}
