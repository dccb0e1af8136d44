package vn.giaydiduong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GiayDiDuongApplication {

  public static void main(String[] args) {
    SpringApplication.run(GiayDiDuongApplication.class, args);
  }
}
