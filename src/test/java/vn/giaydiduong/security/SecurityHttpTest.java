package vn.giaydiduong.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * One application on a random port shared by the trust-boundary tests, with its own engine name: Camunda's REST
 * API and webapps find engines by name in a JVM-wide registry, where every other test context's engine is
 * "default". The tests call the REST API under {@link #REST} and Tasklist under {@link #ENGINE}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.process-engine-name=" + SecurityHttpTest.ENGINE)
@ActiveProfiles("test")
public @interface SecurityHttpTest {

  String ENGINE = "securityTest";
  String REST = "/engine-rest/engine/" + ENGINE;
}
