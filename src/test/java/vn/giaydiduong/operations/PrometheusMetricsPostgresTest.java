package vn.giaydiduong.operations;

import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import vn.giaydiduong.EmbeddedPostgresConfiguration;

/**
 * {@link PrometheusMetricsTest} on a real PostgreSQL: the metrics' SQL (on the project's tables and Camunda's
 * lower-case {@code act_ru_execution}) runs on the production database too.
 */
@DirtiesContext
@Import(EmbeddedPostgresConfiguration.class)
class PrometheusMetricsPostgresTest extends PrometheusMetricsTest {
}
