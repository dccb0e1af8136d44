package vn.giaydiduong.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.giaydiduong.testing.AppProcess;

/**
 * The check log is written in the background, so a node stopped while checkpoints scan must still write every scan
 * it answered: SIGTERM (Spring's graceful shutdown) in the middle of a stream of scans, then the answers counted
 * against the rows.
 */
class CheckLogShutdownTest {

  private static final int CLIENTS = 4;

  @Test
  void aGracefulStopWhileScanningWritesEveryAnsweredScan() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
      AtomicInteger sent = new AtomicInteger();
      AtomicInteger answered = new AtomicInteger();
      try (AppProcess node = AppProcess.postgres("check-log-shutdown", postgres.getJdbcUrl("postgres", "postgres"),
          mail.getSmtp().getPort()).property("giaydiduong.verification.warm-up.enabled", "false")
          // One client address: every scan is to be logged here, not only its quota of the minute (ScanLogQuota).
          .property("giaydiduong.checking.logged-scans-per-address-minute", "1000000000").start()) {
        node.awaitReady(Duration.ofMinutes(5));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest scan = HttpRequest.newBuilder(URI.create(node.baseUrl() + CheckingRequestLimits.VERIFY_PATH
                + "?checkpoint=CHOT-DUNG-MAY")).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("HN1:KHONG-PHAI-GIAY")).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          done.add(clients.submit(() -> {
            while (true) {
              sent.incrementAndGet();
              try {
                HttpResponse<String> answer = http.send(scan, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                  return null; // shutting down
                }
                assertThat(answer.body()).contains("\"status\":\"MALFORMED\"");
                answered.incrementAndGet();
              } catch (IOException gone) {
                return null;
              }
            }
          }));
        }
        while (answered.get() < 2_000) {
          Thread.sleep(50);
        }
        node.stop(); // SIGTERM while the clients keep scanning
        for (Future<?> f : done) {
          f.get();
        }
        clients.shutdown();
      } finally {
        mail.stop();
      }
      long logged = JdbcClient.create(postgres.getPostgresDatabase())
          .sql("select count(*) from pass_check where checkpoint_id = 'CHOT-DUNG-MAY' and status = 'MALFORMED'")
          .query(Long.class).single();
      // A scan may be logged whose answer did not reach the client, never the other way round.
      assertThat(logged).isGreaterThanOrEqualTo(answered.get()).isLessThanOrEqualTo(sent.get());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
