package vn.giaydiduong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The jar started without a profile names the profiles that exist, before anything else fails. */
@ExtendWith(OutputCaptureExtension.class)
class ProfileCheckTest {

  @Test
  void withoutAProfileTheApplicationSaysWhichProfilesExist(CapturedOutput output) {
    assertThatThrownBy(() -> new SpringApplicationBuilder(GiayDiDuongApplication.class)
        .web(WebApplicationType.NONE).run()).isInstanceOf(ProfileCheck.NoProfileException.class);
    assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START",
        "started without a profile", "demo (./mvnw spring-boot:run", "SPRING_PROFILES_ACTIVE=postgres");
  }
}
