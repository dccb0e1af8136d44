package vn.giaydiduong.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.Zone;

class WardMailboxesTest {

  @Test
  void addressesFollowTheLettersExample_andAreUniqueForAll579Wards() throws IOException {
    List<Ward> wards = new ClassPathResource("reference/hanoi-units-2021.csv").getContentAsString(
        StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(","))
        .map(r -> new Ward(r[2], r[3], r[4], r[0], r[1], Zone.GREEN)).toList();
    Map<String, String> slugs = WardMailboxes.slugs(wards);

    assertThat(slugs).containsEntry("00082", "hk.thd").containsEntry("00004", "bd.tb");
    assertThat(WardMailboxes.initials("Quận Hoàn Kiếm")).isEqualTo("hk");
    assertThat(WardMailboxes.initials("Thị xã Sơn Tây")).isEqualTo("st");
    assertThat(new HashSet<>(slugs.values())).hasSize(579);
    // Phú Diễn and Phúc Diễn (Bắc Từ Liêm) share the initials "pd": both use their whole names.
    assertThat(wards.stream().filter(w -> w.name().endsWith(" Diễn") && w.districtName().contains("Bắc Từ Liêm"))
        .map(w -> slugs.get(w.code()))).containsExactlyInAnyOrder("btl.phudien", "btl.phucdien");
  }
}
