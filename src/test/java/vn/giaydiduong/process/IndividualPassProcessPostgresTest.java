package vn.giaydiduong.process;

import org.springframework.context.annotation.Import;
import vn.giaydiduong.EmbeddedPostgresConfiguration;

/** The same paths as {@link IndividualPassProcessTest}, on a real PostgreSQL (the production database). */
@Import(EmbeddedPostgresConfiguration.class)
class IndividualPassProcessPostgresTest extends IndividualPassProcessTest {
}
