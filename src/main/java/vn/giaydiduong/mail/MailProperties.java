package vn.giaydiduong.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sender address, and the embedded mail server of the default run and tests (port 0 picks a free port).
 */
@ConfigurationProperties("giaydiduong.mail")
public record MailProperties(String from, Embedded embedded) {

  public record Embedded(boolean enabled, int smtpPort, int imapPort) {
  }
}
