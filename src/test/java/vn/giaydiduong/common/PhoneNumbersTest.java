package vn.giaydiduong.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone numbers as Vietnamese people write them, mobile and landline. */
class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource({
      "0243 826 1234, 02438261234",
      "024.3826.1234, 02438261234",
      "024-3826-1234, 02438261234",
      "0912 345 678, 0912345678",
      "0912.345.678, 0912345678",
      "+84 912 345 678, 0912345678",
      "+84 24 3826 1234, 02438261234",
      "0386123456, 0386123456"})
  void mobilesAndLandlinesAreTakenAsWritten(String written, String digits) {
    assertThat(PhoneNumbers.normalize(written)).isEqualTo(digits);
    assertThat(PhoneNumbers.problem(digits)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "0112345678", "0243826123", "091234567", "09123456789", "024382612345",
      "0612345678", "0912a45678"})
  void otherNumbersAreRefusedWithBothForms(String written) {
    assertThat(PhoneNumbers.problem(PhoneNumbers.normalize(written))).hasValueSatisfying(problem -> assertThat(
        problem).contains("di động 10 chữ số", "cố định 11 chữ số bắt đầu bằng 02"));
  }
}
