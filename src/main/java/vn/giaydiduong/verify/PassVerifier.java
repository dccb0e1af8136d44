package vn.giaydiduong.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import vn.giaydiduong.common.Dates;
import vn.giaydiduong.common.PassKind;
import vn.giaydiduong.qr.DecodedPass;
import vn.giaydiduong.qr.MalformedPassException;
import vn.giaydiduong.qr.PassClaims;
import vn.giaydiduong.qr.PassCodec;
import vn.giaydiduong.qr.PublicKeyEntry;
import vn.giaydiduong.qr.SigningKeyStore;
import vn.giaydiduong.rules.DayRule;
import vn.giaydiduong.ward.Ward;
import vn.giaydiduong.ward.WardRegistry;

/**
 * Decides whether a scanned code lets its holder through: format, signature by a key of the issuing ward's police
 * unit, revocation, validity dates and day rule, in that order. The checkpoint page's offline verifier
 * ({@code static/check/verify.js}) applies the same rules; docs/checking.md describes both.
 */
@Service
public class PassVerifier {

  private static final Logger LOG = LoggerFactory.getLogger(PassVerifier.class);
  private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  /** About 1 KB each: tens of MB for the passes a city's checkpoints see in a day. */
  static final int VERIFIED_CACHE_SIZE = 50_000;

  private final PassCodec codec;
  private final SigningKeyStore keys;
  private final PassStandings standings;
  private final WardRegistry wards;
  private final Clock clock;
  // A kid is a hash of its public key, so an entry never changes once read; retired keys stay valid.
  private final Map<String, PublicKeyEntry> keyCache = new ConcurrentHashMap<>();
  private final Map<String, String> wardNames = new ConcurrentHashMap<>();
  /**
   * Codes whose signature (by a key of the pass's own ward) already checked out, with their claims. Whether a
   * signature matches never changes, and the same passes are scanned again and again; revocation, dates and day
   * rules are still judged on every scan. Only good signatures are kept, so forgeries cannot fill it.
   */
  private final Cache<String, Verified> verified;

  private record Verified(PassClaims claims, String kid) {
  }

  @Autowired
  public PassVerifier(PassCodec codec, SigningKeyStore keys, PassStandings standings,
      WardRegistry wards) {
    this(codec, keys, standings, wards, Clock.system(Dates.HANOI), VERIFIED_CACHE_SIZE);
  }

  PassVerifier(PassCodec codec, SigningKeyStore keys, PassStandings standings,
      WardRegistry wards, Clock clock, int verifiedCacheSize) {
    this.codec = codec;
    this.keys = keys;
    this.standings = standings;
    this.wards = wards;
    this.clock = clock;
    this.verified = Caffeine.newBuilder().maximumSize(verifiedCacheSize).build();
  }

  public Verification verify(String qrText) {
    Instant now = clock.instant();
    Verified known = qrText == null ? null : verified.getIfPresent(qrText);
    if (known != null) {
      return standings.isKeyWithdrawn(known.kid()) ? withdrawnKey(now) : judge(known.claims(), now);
    }
    DecodedPass decoded;
    try {
      decoded = codec.decode(qrText);
    } catch (MalformedPassException e) {
      return Verification.rejected(VerificationStatus.MALFORMED, e.getMessage() + ". Không cho qua.", now);
    } catch (RuntimeException e) {
      // A decoder case the codec does not foresee: fail closed with a verdict, never a 500 on a public endpoint.
      LOG.warn("Unexpected error decoding a scanned code, answered MALFORMED: {}", e.toString());
      return Verification.rejected(VerificationStatus.MALFORMED, "Mã QR bị hỏng hoặc đã bị sửa đổi, không đọc "
          + "được giấy đi đường. Không cho qua.", now);
    }
    if (standings.isKeyWithdrawn(decoded.kid())) {
      return withdrawnKey(now);
    }
    Optional<PublicKeyEntry> key = key(decoded.kid());
    if (key.isEmpty()) {
      return Verification.rejected(VerificationStatus.UNKNOWN_KEY, "Mã QR được ký bằng khóa không thuộc công an "
          + "phường nào của thành phố: giấy không do hệ thống cấp. Không cho qua.", now);
    }
    if (!codec.verifySignature(decoded, key.get().publicKey())) {
      return Verification.rejected(VerificationStatus.BAD_SIGNATURE, "Chữ ký số không khớp: mã QR đã bị sửa "
          + "hoặc làm giả. Không cho qua.", now);
    }
    PassClaims claims = decoded.claims();
    if (!key.get().wardCode().equals(claims.wardCode())) {
      return Verification.rejected(VerificationStatus.BAD_SIGNATURE, "Mã QR được ký bằng khóa của công an phường "
          + "khác, không phải phường cấp giấy: giấy giả. Không cho qua.", now);
    }
    verified.put(qrText, new Verified(claims, decoded.kid()));
    return judge(claims, now);
  }

  /** Trusts a key that is in no store until {@link #distrust}: the start-up warm-up's only. */
  void trustTemporarily(PublicKeyEntry key) {
    keyCache.put(key.kid(), key);
  }

  /** Forgets a key trusted with {@link #trustTemporarily} and every code it signed. */
  void distrust(String kid) {
    keyCache.remove(kid);
    verified.asMap().values().removeIf(v -> v.kid().equals(kid));
  }

  private static Verification withdrawnKey(Instant now) {
    return Verification.rejected(VerificationStatus.UNKNOWN_KEY, "Khóa ký của công an phường đã cấp giấy này đã "
        + "bị thu hồi vì bị lộ: giấy không còn giá trị, người giữ giấy cần xin cấp lại. Không cho qua.", now);
  }

  private Verification judge(PassClaims claims, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, Dates.HANOI);
    String allowedDays = null;
    Boolean allowedToday = null;
    if (claims.dayRule() != null) {
      try {
        DayRule rule = DayRule.parse(claims.dayRule());
        allowedDays = rule.vietnamese();
        allowedToday = rule.allows(LocalDateTime.ofInstant(now, Dates.HANOI));
      } catch (IllegalArgumentException e) {
        // Signed by us, yet unreadable: a newer rule format than this server knows. Fail closed.
        return Verification.rejected(VerificationStatus.MALFORMED, "Không đọc được quy định ngày được đi của "
            + "thẻ. Không cho qua; báo công an phường cấp thẻ.", now);
      }
    }
    PassStandings.Standing standing = standings.of(claims.passId());
    // A zone change shortens a pass, never lengthens it.
    LocalDate shortenedUntil = standing.shortenedUntil() != null
        && standing.shortenedUntil().isBefore(claims.validUntil()) ? standing.shortenedUntil() : null;
    VerificationStatus status;
    String message;
    if (standing.revoked()) {
      status = VerificationStatus.REVOKED;
      message = "Giấy đã bị thu hồi. Không cho qua.";
    } else if (shortenedUntil != null && today.isAfter(shortenedUntil)) {
      status = VerificationStatus.EXPIRED;
      message = "Giấy đã hết hạn ngày " + shortenedUntil.format(DAY_MONTH) + ": " + zoneChange(claims, standing)
          + ". Không cho qua.";
    } else if (today.isBefore(claims.validFrom())) {
      status = VerificationStatus.NOT_YET_VALID;
      message = "Giấy chưa có hiệu lực: chỉ dùng được từ ngày " + claims.validFrom().format(DAY_MONTH)
          + ". Không cho qua.";
    } else if (today.isAfter(claims.validUntil())) {
      status = VerificationStatus.EXPIRED;
      message = "Giấy đã hết hạn ngày " + claims.validUntil().format(DAY_MONTH) + ". Không cho qua.";
    } else if (Boolean.FALSE.equals(allowedToday)) {
      status = VerificationStatus.NOT_VALID_TODAY;
      message = "Bây giờ (" + today.format(DAY_MONTH) + ") không phải ngày, giờ được đi của thẻ; chỉ được đi: "
          + allowedDays + ". Không cho qua.";
    } else if (shortenedUntil != null) {
      status = VerificationStatus.VALID;
      message = "Hợp lệ đến hết ngày " + shortenedUntil.format(DAY_MONTH) + " (" + zoneChange(claims, standing)
          + "): cho qua sau khi đối chiếu họ tên và số CCCD/CMND với giấy tờ tùy thân.";
    } else {
      status = VerificationStatus.VALID;
      message = "Hợp lệ: cho qua sau khi đối chiếu họ tên và số CCCD/CMND với giấy tờ tùy thân.";
    }
    return new Verification(status, message, now, claims.passId(), claims.kind().name(), kindLabel(claims.kind()),
        claims.holderName(), claims.maskedIdNumber(), claims.organization(), claims.wardCode(),
        wardName(claims.wardCode()), claims.zone().name(), claims.zone().label(), claims.validFrom(),
        claims.validUntil(), shortenedUntil, allowedDays);
  }

  /** The same words as the checkpoint page's offline verifier (verify.js). */
  private static String zoneChange(PassClaims claims, PassStandings.Standing standing) {
    return "phường chuyển sang " + standing.changedTo().label().toLowerCase() + " ngày "
        + standing.changedOn().format(DAY_MONTH) + " nên giấy cấp ở " + claims.zone().label().toLowerCase()
        + " chỉ còn giá trị đến hết ngày " + standing.shortenedUntil().format(DAY_MONTH);
  }

  private Optional<PublicKeyEntry> key(String kid) {
    PublicKeyEntry cached = keyCache.get(kid);
    if (cached != null) {
      return Optional.of(cached);
    }
    // Unknown kids are not cached: a key made a moment ago on another node must be found on the next scan.
    Optional<PublicKeyEntry> entry = keys.publicKeyEntry(kid);
    entry.ifPresent(e -> keyCache.put(kid, e));
    return entry;
  }

  private String wardName(String wardCode) {
    return wardNames.computeIfAbsent(wardCode,
        code -> wards.find(code).map(PassVerifier::displayName).orElse(null));
  }

  private static String displayName(Ward ward) {
    return ward.name() + ", " + ward.districtName();
  }

  static String kindLabel(PassKind kind) {
    return switch (kind) {
      case INDIVIDUAL -> "Giấy đi đường (cá nhân)";
      case ORGANIZATION -> "Giấy đi đường (cơ quan, tổ chức)";
      case MARKET_CARD -> "Thẻ đi chợ";
    };
  }
}
