package vn.giaydiduong.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Sends the Vietnamese mails of the procedure, rendered from {@code templates/mail/<name>.html}. The subject is
 * the template's {@code <title>}, as text. Failures propagate, so the calling async step becomes a retry or an
 * incident.
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

  /** A file sent with a mail (e.g. the print bundle). */
  public record Attachment(String filename, String contentType, byte[] content) {
  }

  /**
   * What some mails need besides the text: where replies go (a ward mailbox instead of the no-reply sender),
   * the mail answered (threads the automatic reply with it), files.
   */
  public record Options(String replyTo, String inReplyTo, List<Attachment> attachments) {
    public static final Options NONE = new Options(null, null, List.of());
  }

  public void send(String to, String template, Map<String, Object> model) {
    send(to, template, model, Options.NONE);
  }

  public void send(String to, String template, Map<String, Object> model, Options options) {
    String html = templates.process(template, new Context(Locale.forLanguageTag("vi-VN"), model));
    // The title is escaped HTML; a subject is plain text ("A &amp; B" would reach the reader as written).
    String subject = HtmlUtils.htmlUnescape(html.replaceAll("(?s).*<title>(.*?)</title>.*", "$1").strip());
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, !options.attachments().isEmpty(),
          StandardCharsets.UTF_8.name());
      helper.setFrom(properties.from());
      helper.setTo(to);
      if (options.replyTo() != null) {
        helper.setReplyTo(options.replyTo());
      }
      helper.setSubject(subject);
      helper.setText(html, true);
      for (Attachment a : options.attachments()) {
        helper.addAttachment(a.filename(), new ByteArrayResource(a.content()), a.contentType());
      }
      if (options.inReplyTo() != null) {
        message.setHeader("In-Reply-To", options.inReplyTo());
        message.setHeader("References", options.inReplyTo());
      }
      sender.send(message);
    } catch (MessagingException e) {
      throw new MailSendException("Không tạo được thư gửi " + to, e);
    }
  }
}
