package vn.giaydiduong.process;

import org.springframework.context.annotation.Import;
import vn.giaydiduong.EmbeddedPostgresConfiguration;

/** The same paths as {@link OrganizationPassProcessTest}, on a real PostgreSQL (the production database). */
@Import(EmbeddedPostgresConfiguration.class)
class OrganizationPassProcessPostgresTest extends OrganizationPassProcessTest {
}
