package vn.giaydiduong.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Demo users and data; only the demo profile (what ./mvnw spring-boot:run uses) and tests enable them. */
@ConfigurationProperties("giaydiduong.demo")
public record DemoProperties(boolean enabled, String password, List<String> wards, boolean sampleRegistrations) {

  public DemoProperties {
    wards = wards == null ? List.of() : List.copyOf(wards);
  }
}
