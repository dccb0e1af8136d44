package vn.giaydiduong.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a case's mail at most once per purpose, although the job executor may run a mail job twice: at once, when
 * a send outlives the job's lock and another executor takes the job, or again, when the job's transaction fails
 * after the mail went out (the other executor committed first). Before the send a row is claimed in a transaction
 * of its own; after it the row is marked sent, also in its own transaction, so the mark survives the job's
 * rollback. A run that finds the mail sent skips it; one that finds it claimed and not yet sent fails (the job
 * retries later and then finds it sent or released); a failed send releases the claim, so the retry sends.
 * A claim older than {@code giaydiduong.mail.claim-timeout} (far longer than any send with the SMTP timeouts) was
 * left by a node that died mid-send and is taken over: the one case where a mail may go twice.
 */
@Component
public class SentMails {

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Duration claimTimeout;

  public SentMails(JdbcClient jdbc, PlatformTransactionManager transactions,
      @Value("${giaydiduong.mail.claim-timeout:PT10M}") Duration claimTimeout) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.claimTimeout = claimTimeout;
  }

  private record Claim(String claimToken, OffsetDateTime claimedAt, OffsetDateTime sentAt) {
  }

  /**
   * Runs {@code send} unless the mail of this case and purpose was sent already; returns whether it sent.
   *
   * @throws MailSendException when another execution is sending the same mail right now
   */
  public boolean sendOnce(long applicationId, String purpose, Runnable send) {
    Optional<String> token = claim(applicationId, purpose);
    if (token.isEmpty()) {
      return false;
    }
    try {
      send.run();
    } catch (RuntimeException e) {
      ownTransaction.executeWithoutResult(status -> jdbc.sql(
              "delete from sent_mail where application_id = ? and purpose = ? and claim_token = ? and sent_at is null")
          .params(applicationId, purpose, token.get()).update());
      throw e;
    }
    ownTransaction.executeWithoutResult(status -> jdbc.sql(
            "update sent_mail set sent_at = ? where application_id = ? and purpose = ? and claim_token = ?")
        .params(OffsetDateTime.now(), applicationId, purpose, token.get()).update());
    return true;
  }

  /** A short, stable stand-in for what distinguishes one mail of a purpose from another (who it lists). */
  public static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claim's token, or empty when the mail was sent already. */
  private Optional<String> claim(long applicationId, String purpose) {
    String token = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now();
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql(
              "insert into sent_mail (application_id, purpose, claim_token, claimed_at) values (?, ?, ?, ?)")
          .params(applicationId, purpose, token, now).update());
      return Optional.of(token);
    } catch (DuplicateKeyException claimedBefore) {
      // sent, being sent, or left by a dead node: read which
    }
    Claim existing = ownTransaction.execute(status -> jdbc.sql(
            "select claim_token, claimed_at, sent_at from sent_mail where application_id = ? and purpose = ?")
        .params(applicationId, purpose).query(Claim.class).single());
    if (existing.sentAt() != null) {
      return Optional.empty();
    }
    boolean stale = existing.claimedAt().isBefore(now.minus(claimTimeout));
    if (stale && Boolean.TRUE.equals(ownTransaction.execute(status -> jdbc.sql(
            "update sent_mail set claim_token = ?, claimed_at = ? where application_id = ? and purpose = ? "
                + "and claim_token = ? and sent_at is null")
        .params(token, now, applicationId, purpose, existing.claimToken()).update() == 1))) {
      return Optional.of(token);
    }
    throw new MailSendException("Mail '" + purpose + "' of case " + applicationId
        + " is being sent by another job execution since " + existing.claimedAt() + "; the retry will skip it once"
        + " it is sent");
  }
}
