package vn.giaydiduong.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Sends the Vietnamese mails of the procedure, rendered from {@code templates/mail/<name>.html}. The subject is
 * the template's {@code <title>}. Failures propagate, so the calling async step becomes a retry or an incident.
 */
@Component
public class Mailer {

  private final JavaMailSender sender;
  private final MailProperties properties;
  private final TemplateEngine templates = new TemplateEngine();

  public Mailer(JavaMailSender sender, MailProperties properties) {
    this.sender = sender;
    this.properties = properties;
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    templates.setTemplateResolver(resolver);
  }

  public void send(String to, String template, Map<String, Object> model) {
    String html = templates.process(template, new Context(Locale.forLanguageTag("vi-VN"), model));
    String subject = html.replaceAll("(?s).*<title>(.*?)</title>.*", "$1").strip();
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
      helper.setFrom(properties.from());
      helper.setTo(to);
      helper.setSubject(subject);
      helper.setText(html, true);
      sender.send(message);
    } catch (MessagingException e) {
      throw new MailSendException("Không tạo được thư gửi " + to, e);
    }
  }
}
