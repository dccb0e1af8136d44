package vn.giaydiduong.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A slow SMTP server must not hold a mail job past its lock, or another executor takes the job (mail.SentMails
 * keeps the mail single, see organization.MailFaultsTest): every profile (application.yml) sets SMTP timeouts
 * well under the job lock time, itself shorter than Camunda's 5 minutes, and the timeouts take effect.
 */
class MailTimeoutsTest {

  @Test
  void everyTimeoutIsSetAndTogetherWellUnderTheJobLockTime() throws Exception {
    Map<String, String> mail = smtpProperties();
    long lockTime = Long.parseLong(settings().getProperty("camunda.bpm.job-execution.lock-time-in-millis",
        String.valueOf(new DefaultJobExecutor().getLockTimeInMillis())));
    assertThat(lockTime).isLessThan(new DefaultJobExecutor().getLockTimeInMillis());
    long total = 0;
    for (String key : List.of("connectiontimeout", "timeout", "writetimeout")) {
      assertThat(mail).containsKey("mail.smtp." + key);
      long timeout = Long.parseLong(mail.get("mail.smtp." + key));
      assertThat(timeout).isPositive();
      total += timeout;
    }
    // A stalled send fails after a connect, a read or a write timeout, long before its job's lock expires.
    assertThat(total).isLessThanOrEqualTo(lockTime / 2);
  }

  @Test
  void aServerThatNeverAnswersFailsTheSendInsteadOfHangingIt() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          accepted.add(silent.accept());
        } catch (Exception ignored) {
          // closed at the end of the test
        }
      });
      acceptor.start();
      // The configured keys, with short values so the test is quick: a wrong key name would hang the send.
      Properties javaMail = new Properties();
      smtpProperties().keySet().forEach(key -> javaMail.setProperty(key, "500"));
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(silent.getLocalPort());
      sender.setJavaMailProperties(javaMail);
      SimpleMailMessage message = new SimpleMailMessage();
      message.setFrom("khong-tra-loi@giaydiduong.hanoi.gov.vn");
      message.setTo("a@example.vn");
      message.setText("x");
      assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThatThrownBy(() -> sender.send(message)).isInstanceOf(MailException.class));
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  private static Map<String, String> smtpProperties() throws Exception {
    return Binder.get(settings()).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
        .get();
  }

  private static StandardEnvironment settings() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
        .forEach(environment.getPropertySources()::addLast);
    return environment;
  }
}
