package vn.giaydiduong.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.ward.Zone;

/** Realistic pass data for the tests. */
final class SamplePasses {

  private static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

  private SamplePasses() {
  }

  /** A signed-payload look-alike: "HN1:" and 246 Base45 characters, different per seed. */
  static String qrText(long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder("HN1:");
    while (sb.length() < 250) {
      sb.append(BASE45.charAt(random.nextInt(BASE45.length())));
    }
    return sb.toString();
  }

  static PassPrint individual(String holderName, long seed) {
    return new PassPrint("TB-2021-" + String.format("%06d", seed), PassKind.INDIVIDUAL, holderName,
        "001******123", LocalDate.of(1985, 3, 14), null, null,
        "Số 12 ngõ 34 phố Trúc Bạch, Phường Trúc Bạch, Quận Ba Đình", "Bệnh viện Bạch Mai, 78 Giải Phóng, Quận Đống Đa",
        "Đi làm (nhân viên y tế)", "Phường Trúc Bạch", "Quận Ba Đình", "Công an phường Trúc Bạch",
        Zone.RED, LocalDate.of(2021, 9, 6), LocalDate.of(2021, 9, 21), null, qrText(seed), "cat-tb-2021-01",
        Instant.parse("2021-09-06T01:30:00Z"));
  }

  static PassPrint organization(String holderName, long seed) {
    return new PassPrint("TB-2021-" + String.format("%06d", seed), PassKind.ORGANIZATION, holderName,
        "001******456", null, "Công ty TNHH Thực phẩm Sạch Hà Nội", null, null, "Chợ đầu mối Long Biên",
        "Vận chuyển hàng hóa thiết yếu", "Phường Trúc Bạch", "Quận Ba Đình", "Công an phường Trúc Bạch",
        Zone.ORANGE, LocalDate.of(2021, 9, 6), LocalDate.of(2021, 9, 21), null, qrText(seed), "cat-tb-2021-01",
        Instant.parse("2021-09-06T02:15:00Z"));
  }

  static PassPrint marketCard(String holderName, long seed) {
    return new PassPrint("TB-CHO-" + String.format("%06d", seed), PassKind.MARKET_CARD, holderName,
        "001******789", null, null, "Chủ hộ Trần Văn Hùng — 4 nhân khẩu", "Số 5 phố Hòe Nhai, Phường Trúc Bạch", null, null,
        "Phường Trúc Bạch", "Quận Ba Đình", "Công an phường Trúc Bạch", Zone.GREEN,
        LocalDate.of(2021, 9, 6), LocalDate.of(2021, 9, 21), "Thứ 2, 4, 6 — 6h00–11h00", qrText(seed),
        "cat-tb-2021-01", Instant.parse("2021-09-06T01:30:00Z"));
  }
}
