package vn.giaydiduong.organization;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Mails to a ward mailbox through the tests' SMTP server, as organizations send them. */
final class WardMails {

  record Attachment(String filename, byte[] content) {
  }

  private WardMails() {
  }

  static void send(JavaMailSender mailSender, String from, String to, String subject, String text,
      List<Attachment> attachments) throws Exception {
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(from);
    helper.setTo(to);
    helper.setSubject(subject);
    helper.setText(text);
    for (Attachment a : attachments) {
      helper.addAttachment(a.filename(), new ByteArrayResource(a.content()));
    }
    mailSender.send(message);
  }
}
