package vn.giaydiduong.organization;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * The addresses at which a ward receives registrations, named as letter 6445/CAHN-VTTHCY asks:
 * {@code qrca.<district>.<ward><n>@<domain>}, n = 1..3, e.g. qrca.hk.thd1@… for Phường Trần Hưng Đạo, Quận Hoàn
 * Kiếm. The slugs are the initials of the names without their type (Quận/Huyện/Thị xã, Phường/Xã/Thị trấn),
 * without diacritics: "Hoàn Kiếm" → hk, "Trần Hưng Đạo" → thd. Where initials collide within a district (112 of
 * the 579 wards of 2021, e.g. Phú Diễn and Phúc Diễn in Bắc Từ Liêm), those wards use their whole name instead
 * (phudien, phucdien); the same for districts (Thanh Trì, Thường Tín and Thạch Thất are all "tt"), so every
 * address is unique.
 */
@Component
public class WardMailboxes {

  public static final int MAILBOXES_PER_WARD = 3;

  private final String domain;
  private final WardRegistry wards;
  private volatile Map<String, String> wardSlugs;

  public WardMailboxes(OrganizationProperties properties, WardRegistry wards) {
    this.domain = properties.mailboxDomain();
    this.wards = wards;
  }

  /** Mailbox {@code n} (1–3) of the ward; organizations are told to write to mailbox 1. */
  public String address(Ward ward, int n) {
    if (wardSlugs == null) {
      wardSlugs = slugs(wards.all());
    }
    return "qrca." + wardSlugs.get(ward.code()) + n + "@" + domain;
  }

  /** "district.ward" of the address of every ward, e.g. "hk.thd"; unique across the city. */
  static Map<String, String> slugs(List<Ward> all) {
    Map<String, String> districts = unique(all.stream().collect(Collectors.toMap(Ward::districtCode,
        Ward::districtName, (a, b) -> a)).entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList(), e -> "", Map.Entry::getKey, Map.Entry::getValue);
    Map<String, String> wards = unique(all, Ward::districtCode, Ward::code, Ward::name);
    Map<String, String> slugs = new HashMap<>();
    all.forEach(w -> slugs.put(w.code(), districts.get(w.districtCode()) + "." + wards.get(w.code())));
    return slugs;
  }

  /**
   * Initials, or the whole name where initials collide within the same scope, or (names that differ only in
   * diacritics, e.g. Phú Lãm / Phú Lâm) the whole name and the unit's code.
   */
  private static <T> Map<String, String> unique(List<T> units, java.util.function.Function<T, String> scope,
      java.util.function.Function<T, String> code, java.util.function.Function<T, String> name) {
    Map<String, Long> initialsCount = units.stream().collect(Collectors.groupingBy(
        u -> scope.apply(u) + "." + initials(name.apply(u)), Collectors.counting()));
    Map<String, Long> wholeCount = units.stream().collect(Collectors.groupingBy(
        u -> scope.apply(u) + "." + String.join("", words(name.apply(u))), Collectors.counting()));
    Map<String, String> slugs = new HashMap<>();
    for (T u : units) {
      String whole = String.join("", words(name.apply(u)));
      boolean clash = initialsCount.get(scope.apply(u) + "." + initials(name.apply(u))) > 1;
      boolean wholeClash = wholeCount.get(scope.apply(u) + "." + whole) > 1;
      slugs.put(code.apply(u), !clash ? initials(name.apply(u)) : wholeClash ? whole + code.apply(u) : whole);
    }
    return slugs;
  }

  static String initials(String unitName) {
    return words(unitName).stream().map(w -> Character.isDigit(w.charAt(0)) ? w : w.substring(0, 1))
        .collect(Collectors.joining());
  }

  private static List<String> words(String unitName) {
    String name = unitName.replaceFirst("^(Quận|Huyện|Thị xã|Thành phố|Phường|Xã|Thị trấn)\\s+", "");
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
    return Arrays.stream(plain.split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
  }
}
