package vn.giaydiduong.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.giaydiduong.testing.AppProcess;
import vn.giaydiduong.testing.ExactlyOnceChecks;
import vn.giaydiduong.testing.IndividualPassWorkload;

/**
 * Camunda's homogeneous cluster as production runs it: two application nodes (separate JVMs, job executor on
 * both) on one PostgreSQL, officers of the same wards working on both at once. Every case is delivered; no job
 * succeeds twice or fails; pass numbers are unique and gap-free per ward; each rejection mail goes out once.
 * The speed of the same is measured by {@code EngineThroughputBenchmark} (W5), not here.
 */
class TwoNodesPostgresTest {

  private static final List<String> WARDS = List.of("00001", "00004", "00082");

  private static EmbeddedPostgres postgres;
  private static GreenMail mail;
  private static AppProcess nodeA;
  private static AppProcess nodeB;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    int smtp = mail.getSmtp().getPort();
    // One after the other: the first creates the schemas (Flyway, Camunda) that the second then finds.
    nodeA = AppProcess.postgres("two-nodes-a", jdbcUrl, smtp).start().awaitReady(Duration.ofMinutes(4));
    nodeB = AppProcess.postgres("two-nodes-b", jdbcUrl, smtp).start().awaitReady(Duration.ofMinutes(4));
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {nodeA, nodeB, mail::stop, postgres}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void listsWorkedOnBothNodesAreDeliveredWithEachJobNumberAndMailOnce() {
    IndividualPassWorkload workload = new IndividualPassWorkload(List.of(nodeA.baseUrl(), nodeB.baseUrl()), WARDS);
    workload.createOfficers();

    // Six clients: each ward is worked from both nodes.
    IndividualPassWorkload.Result result = workload.run(IndividualPassWorkload.APP_KEY, 6, 5, 6, 1,
        Duration.ofMinutes(3));

    assertThat(result.errors()).isEmpty();
    assertThat(result.lists()).isEqualTo(6);
    assertThat(ExactlyOnceChecks.problems(postgres.getJdbcUrl("postgres", "postgres"), mail, 6, 5)).isEmpty();
  }
}
