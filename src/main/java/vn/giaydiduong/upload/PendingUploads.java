package vn.giaydiduong.upload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists read and previewed but not yet confirmed, each held for the one user who uploaded it. Its token is 256
 * random bits and only its hash is stored: it names the upload on the confirm form, and since only the uploader's
 * page knows it, a forged cross-site post cannot confirm anything. A token of another user finds nothing.
 */
@Component
public class PendingUploads {

  /** What a held list is: people or households of a ward, or officials to create. */
  public enum Kind {
    INDIVIDUAL, MARKET_CARD, OFFICIALS
  }

  /** A held list: its ward (none for officials), its content (JSON) and how many entries it has. */
  public record Pending(String wardCode, String content, int entryCount) {
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  public PendingUploads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds {@code content} for {@code ownerId}, replacing their earlier one of this kind; returns its token. */
  @Transactional
  public String hold(String ownerId, String wardCode, Kind kind, String content, int entryCount) {
    OffsetDateTime now = OffsetDateTime.now();
    dropExpired();
    jdbc.sql("delete from pending_upload where owner_id = ? and kind = ?").params(ownerId, kind.name()).update();
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql("insert into pending_upload (token_hash, owner_id, ward_code, kind, content, entry_count, created_at) "
        + "values (?, ?, ?, ?, ?, ?, ?)")
        .params(hash(token), ownerId, wardCode, kind.name(), content.getBytes(StandardCharsets.UTF_8), entryCount,
            now).update();
    return token;
  }

  /** The held list of this token if {@code ownerId} uploaded it, of this kind, within the last day. */
  public Optional<Pending> find(String token, String ownerId, Kind kind) {
    if (token == null || token.isBlank() || ownerId == null) {
      return Optional.empty();
    }
    return jdbc.sql("select ward_code, content, entry_count from pending_upload where token_hash = ? "
        + "and owner_id = ? and kind = ? and created_at >= ?")
        .params(hash(token), ownerId, kind.name(), OffsetDateTime.now().minusDays(1))
        .query((rs, n) -> new Pending(rs.getString(1), new String(rs.getBytes(2), StandardCharsets.UTF_8),
            rs.getInt(3)))
        .optional();
  }

  /**
   * Lists nobody confirmed hold personal data for no purpose after a day: dropped every hour, not only when the
   * next upload comes (a ward may never upload again).
   */
  @Scheduled(cron = "${giaydiduong.upload.expiry-cron:0 17 * * * *}")
  public int dropExpired() {
    return jdbc.sql("delete from pending_upload where created_at < ?").param(OffsetDateTime.now().minusDays(1))
        .update();
  }

  /** Removes a held list once it was used, in the caller's transaction. */
  public void remove(String token) {
    jdbc.sql("delete from pending_upload where token_hash = ?").param(hash(token)).update();
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
