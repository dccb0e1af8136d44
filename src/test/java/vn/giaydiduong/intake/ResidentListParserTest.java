package vn.giaydiduong.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.giaydiduong.common.InvalidInputException;

class ResidentListParserTest {

  private static final LocalDate TODAY = LocalDate.of(2021, 9, 6);
  private final ResidentListParser parser = new ResidentListParser(new ObjectMapper());

  @Test
  void rowsPastedFromExcelAreTabSeparatedWithAHeader() {
    String pasted = """
        Họ và tên\tNgày sinh\tSố CCCD/CMND\tSố điện thoại\tEmail\tNơi ở\tNơi làm việc\tNơi đến\tMục đích\tTừ ngày\tĐến ngày
        Nguyễn Thị Hằng\t12/05/1987\t001187000123\t0912345678\thang@example.vn\tSố 5 phố Trúc Bạch\tBệnh viện Bạch Mai\tBệnh viện Bạch Mai\tĐi làm\t06/09/2021\t20/09/2021

        Đặng Văn Ưng\t2/11/1979\t012345678\t0987 654 321\t\tSố 18 phố Trúc Bạch\t\tChợ Long Biên\tMua lương thực\t06/09/2021\t06/09/2021
        """;
    List<ApplicantDraft> people = parser.parseTable(pasted, TODAY, 31);

    assertThat(people).extracting(ApplicantDraft::fullName).containsExactly("Nguyễn Thị Hằng", "Đặng Văn Ưng");
    assertThat(people.get(1).dateOfBirth()).isEqualTo(LocalDate.of(1979, 11, 2));
    assertThat(people.get(1).phone()).isEqualTo("0987654321");
    assertThat(people.get(1).email()).isNull();
    assertThat(people.get(1).workplace()).isNull();
    assertThat(people.get(0).validUntil()).isEqualTo(LocalDate.of(2021, 9, 20));
  }

  @Test
  void semicolonsWorkToo() {
    List<ApplicantDraft> people = parser.parseTable("Lê Văn Bình; 01/02/1990; 001090123456; 0987654321; ; "
        + "3 Phố Trúc Bạch; ; Nhà máy nước Yên Phụ; Đi làm; 06/09/2021; 10/09/2021", TODAY, 31);
    assertThat(people).singleElement().satisfies(p -> assertThat(p.idNumber()).isEqualTo("001090123456"));
  }

  @Test
  void everyProblemOfEveryRowIsReportedWithItsRowAndField() {
    String pasted = String.join("\n",
        "Nguyễn Thị Hằng;12/05/1987;001187000123;0912345678;;Số 5;;Bạch Mai;Đi làm;06/09/2021;20/09/2021",
        "Trần Văn A;31/02/1990;999090000001;12345;khong-phai-email;Số 6;;Bạch Mai;Đi làm;10/09/2021;08/09/2021",
        "Lê B;01/01/1980;001187000123;0912345678;;Số 7;;Bạch Mai;;05/09/2021;30/10/2021");
    assertThatThrownBy(() -> parser.parseTable(pasted, TODAY, 31))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
            "Người thứ 2 (Trần Văn A): ngày sinh \"31/02/1990\" không đúng dạng ngày (dd/MM/yyyy).",
            "Người thứ 2 (Trần Văn A): số CCCD 999090000001 có mã tỉnh \"999\" không tồn tại (3 chữ số đầu).",
            "Người thứ 2 (Trần Văn A): số điện thoại \"12345\" không hợp lệ (di động 10 chữ số, cố định 11 chữ số bắt đầu bằng 02).",
            "Người thứ 2 (Trần Văn A): email \"khong-phai-email\" không hợp lệ.",
            "Người thứ 2 (Trần Văn A): ngày hết hạn 08/09/2021 trước ngày bắt đầu 10/09/2021.",
            "Người thứ 3 (Lê B): số CCCD 001187000123 không khớp năm sinh 1980 (chữ số thứ 4–6 của CCCD mã hóa "
                + "năm sinh 1987).",
            "Người thứ 3 (Lê B): thiếu mục đích.",
            "Người thứ 3 (Lê B): ngày bắt đầu 05/09/2021 đã qua.",
            "Người thứ 3 (Lê B): thời hạn đề nghị dài quá 31 ngày.",
            "Người thứ 3 (Lê B): số CCCD/CMND 001187000123 trùng với người thứ 1."));
  }

  @Test
  void aRowWithMissingCellsIsRefused() {
    assertThatThrownBy(() -> parser.parseTable("Nguyễn Thị Hằng\t12/05/1987\t001187000123", TODAY, 31))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("có 3 cột, cần đúng 11 cột");
  }

  @Test
  void anEmptyListIsRefused() {
    assertThatThrownBy(() -> parser.parseTable("  \n ", TODAY, 31)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("đang trống");
    assertThatThrownBy(() -> parser.parseJson("[]", TODAY, 31)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("đang trống");
    assertThatThrownBy(() -> parser.parseJson("{not json", TODAY, 31)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("không phải JSON hợp lệ");
  }

  @Test
  void lookAlikeLettersOfAnotherScriptAndHiddenCharactersAreRefused_lineBreaksBecomeSpaces() {
    String row = "{\"fullName\":\"%s\",\"dateOfBirth\":\"12/05/1987\",\"idNumber\":\"001187000123\","
        + "\"phone\":\"0912345678\",\"address\":\"%s\",\"destination\":\"Chợ Long Biên\",\"purpose\":\"Đi làm\","
        + "\"validFrom\":\"2021-09-06\",\"validUntil\":\"2021-09-10\"}";
    // A Cyrillic а in "Văn" reads the same as the Latin a.
    assertThatThrownBy(() -> parser.parseJson("[" + row.formatted("Trần V\u0430n An", "Số 5") + "]", TODAY, 31))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("chỉ được gồm chữ cái tiếng Việt");
    for (String hidden : List.of("\\u202e", "\\u200b", "\\u0000", "\\u0007")) {
      assertThatThrownBy(() -> parser.parseJson("[" + row.formatted("Trần Văn An", "Số 5" + hidden + " phố Huế")
          + "]", TODAY, 31)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("nơi ở chứa ký tự điều khiển hoặc ký tự ẩn");
    }
    assertThat(parser.parseJson("[" + row.formatted("Trần Văn An", "Số 5\\nphố Huế") + "]", TODAY, 31).get(0)
        .address()).isEqualTo("Số 5 phố Huế");
  }
}
