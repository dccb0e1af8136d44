package vn.giaydiduong.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CCCD numbers encode the century and year of birth: people born from 2000 on have 2 (men) or 3 (women). */
class IdNumbersTest {

  @ParameterizedTest
  @CsvSource({
      "001090123456, 1990-02-01",
      "001190123456, 1990-02-01",
      "001200012345, 2000-01-01",
      "001305012345, 2005-06-30",
      "079212000001, 2012-03-04",
      "123456789, 2003-05-05"})
  void aCccdMatchingTheYearOfBirthIsTaken(String idNumber, LocalDate dateOfBirth) {
    assertThat(IdNumbers.problem(idNumber, dateOfBirth)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "001005012345, 2005-06-30, năm sinh 1905",
      "001205012345, 1905-06-30, năm sinh 2005",
      "001300012345, 1900-01-01, năm sinh 2000",
      "003200012345, 2000-01-01, mã tỉnh"})
  void aCccdOfAnotherCenturyOrProvinceIsRefused(String idNumber, LocalDate dateOfBirth, String why) {
    assertThat(IdNumbers.problem(idNumber, dateOfBirth)).hasValueSatisfying(p -> assertThat(p).contains(why));
  }
}
