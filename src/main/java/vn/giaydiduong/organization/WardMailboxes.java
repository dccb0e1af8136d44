package vn.giaydiduong.organization;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.giaydiduong.identity.Ward;

/**
 * The addresses at which a ward receives registrations, named as letter 6445/CAHN-VTTHCY asks:
 * {@code qrca.<district>.<ward><n>@<domain>}, n = 1..3, e.g. qrca.hk.thd1@… for Phường Trần Hưng Đạo, Quận Hoàn
 * Kiếm. The slugs are the initials of the names without their type (Quận/Huyện/Thị xã, Phường/Xã/Thị trấn),
 * without diacritics: "Hoàn Kiếm" → hk, "Trần Hưng Đạo" → thd.
 */
@Component
public class WardMailboxes {

  public static final int MAILBOXES_PER_WARD = 3;

  private final String domain;

  public WardMailboxes(OrganizationProperties properties) {
    this.domain = properties.mailboxDomain();
  }

  /** Mailbox {@code n} (1–3) of the ward; organizations are told to write to mailbox 1. */
  public String address(Ward ward, int n) {
    return "qrca." + slug(ward.districtName()) + "." + slug(ward.name()) + n + "@" + domain;
  }

  static String slug(String unitName) {
    String name = unitName.replaceFirst("^(Quận|Huyện|Thị xã|Thành phố|Phường|Xã|Thị trấn)\\s+", "");
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
    return Arrays.stream(plain.split("[^a-z0-9]+")).filter(w -> !w.isEmpty())
        .map(w -> Character.isDigit(w.charAt(0)) ? w : w.substring(0, 1)).collect(Collectors.joining());
  }
}
