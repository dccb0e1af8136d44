package vn.giaydiduong.pass;

import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import vn.giaydiduong.EmbeddedPostgresConfiguration;

/**
 * The same guarantees on PostgreSQL, where a failed statement aborts its whole transaction: gap-free, unique,
 * and a ward's first numbers taken by two transactions at once.
 */
@DirtiesContext
@Import(EmbeddedPostgresConfiguration.class)
class PassNumbersPostgresTest extends PassNumbersTest {
}
