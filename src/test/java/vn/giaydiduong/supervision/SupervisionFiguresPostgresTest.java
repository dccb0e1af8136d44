package vn.giaydiduong.supervision;

import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import vn.giaydiduong.EmbeddedPostgresConfiguration;

/** The same figures on PostgreSQL: its day arithmetic, time zones and parameter lists agree with H2's. */
@DirtiesContext
@Import(EmbeddedPostgresConfiguration.class)
class SupervisionFiguresPostgresTest extends SupervisionFiguresTest {
}
