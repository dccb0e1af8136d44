package vn.giaydiduong.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The default run needs no outside mail server: GreenMail receives every mail the app sends (SMTP) and serves it
 * over IMAP and at {@code /dev/mail}. Production configures {@code spring.mail.*} instead.
 */
@Configuration
@ConditionalOnProperty(name = "giaydiduong.mail.embedded.enabled", havingValue = "true")
public class EmbeddedMailServer {

  @Bean(initMethod = "start", destroyMethod = "stop")
  public GreenMail greenMail(MailProperties properties) {
    MailProperties.Embedded embedded = properties.embedded();
    return new GreenMail(new ServerSetup[] {
        setup(embedded.smtpPort(), ServerSetup.PROTOCOL_SMTP), setup(embedded.imapPort(), ServerSetup.PROTOCOL_IMAP)});
  }

  private static ServerSetup setup(int port, String protocol) {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
    return port == 0 ? setup.dynamicPort() : setup;
  }

  /** With the SMTP timeouts of spring.mail.properties, which Spring's auto-configured sender would apply. */
  @Bean
  public JavaMailSender javaMailSender(GreenMail greenMail, Environment environment) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    Properties javaMail = new Properties();
    javaMail.putAll(Binder.get(environment).bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
        .orElse(Map.of()));
    sender.setJavaMailProperties(javaMail);
    sender.setHost("127.0.0.1");
    sender.setPort(greenMail.getSmtp().getPort());
    sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
    return sender;
  }
}
