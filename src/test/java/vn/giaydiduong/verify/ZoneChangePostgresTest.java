package vn.giaydiduong.verify;

import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import vn.giaydiduong.EmbeddedPostgresConfiguration;

/** The same zone changes on PostgreSQL: the row lock, the generated key, the offline rules' query. */
@DirtiesContext
@Import(EmbeddedPostgresConfiguration.class)
class ZoneChangePostgresTest extends ZoneChangeTest {
}
