package vn.giaydiduong.organization;

import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import vn.giaydiduong.EmbeddedPostgresConfiguration;

/** The same paths as {@link OrganizationPassProcessTest}, on a real PostgreSQL (the production database). */
// Its own context with its own PostgreSQL: closed after the class, so the memory and the server are freed.
@DirtiesContext
@Import(EmbeddedPostgresConfiguration.class)
class OrganizationPassProcessPostgresTest extends OrganizationPassProcessTest {
}
