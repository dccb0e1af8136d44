package vn.giaydiduong.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.giaydiduong.common.InvalidInputException;

class ReviewDecisionsTest {

  private static final Set<Integer> LIST = Set.of(1, 2, 3);

  @Test
  void approveAllRejectsNobody() {
    assertThat(ReviewDecisions.rejections(ReviewOutcome.APPROVE_ALL, null, "2: ignored", LIST)).isEmpty();
  }

  @Test
  void rejectAllGivesEveryoneTheReason() {
    assertThat(ReviewDecisions.rejections(ReviewOutcome.REJECT_ALL, " Ngoài đối tượng ", null, LIST))
        .isEqualTo(Map.of(1, "Ngoài đối tượng", 2, "Ngoài đối tượng", 3, "Ngoài đối tượng"));
    assertThatThrownBy(() -> ReviewDecisions.rejections(ReviewOutcome.REJECT_ALL, "x", null, LIST))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("ít nhất 5 ký tự");
  }

  @Test
  void partialAcceptsTheUsualSeparators() {
    assertThat(ReviewDecisions.rejections(ReviewOutcome.PARTIAL, null,
        "2: Không thuộc đối tượng\r\n\n 3 - Giấy tờ không hợp lệ", LIST))
        .containsExactly(Map.entry(2, "Không thuộc đối tượng"), Map.entry(3, "Giấy tờ không hợp lệ"));
  }

  @Test
  void partialRefusesUnknownRepeatedOrUnreadableLines() {
    assertThatThrownBy(() -> ReviewDecisions.rejections(ReviewOutcome.PARTIAL, null,
        "9: Không có\n2: Trùng lặp hồ sơ\n2: Lần nữa đây\nAnh Hai bị từ chối\n3:", LIST))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
            "Dòng 1 (\"9: Không có\"): không có người số thứ tự 9 trong danh sách chờ duyệt.",
            "Dòng 3 (\"2: Lần nữa đây\"): người số 2 đã được ghi ở dòng trước.",
            "Dòng 4 (\"Anh Hai bị từ chối\"): phải có dạng \"STT: lý do\", ví dụ \"2: Không thuộc đối tượng "
                + "được cấp\".",
            "Dòng 5 (\"3:\"): lý do phải ghi rõ (ít nhất 5 ký tự)."));
  }

  @Test
  void anOutcomeMustBeChosen() {
    assertThatThrownBy(() -> ReviewDecisions.rejections(null, null, null, LIST))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Hãy chọn kết quả xét duyệt");
  }
}
