package vn.giaydiduong.mail;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** What the embedded mail server received, newest first: lets a newcomer see the mails of the default run. */
@RestController
@ConditionalOnProperty(name = "giaydiduong.mail.embedded.enabled", havingValue = "true")
public class DevMailController {

  private final GreenMail greenMail;

  public DevMailController(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  @GetMapping(value = "/dev/mail", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  public String mailbox() throws MessagingException, IOException {
    List<MimeMessage> messages = Arrays.asList(greenMail.getReceivedMessages());
    StringBuilder html = new StringBuilder("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">"
        + "<title>Thư đã gửi (máy chủ thư nhúng)</title><body style=\"font-family:sans-serif;max-width:60em\">"
        + "<h1>Thư đã gửi: " + messages.size() + "</h1>");
    for (int i = messages.size() - 1; i >= 0; i--) {
      MimeMessage m = messages.get(i);
      html.append("<hr><p><b>").append(HtmlUtils.htmlEscape(m.getSubject())).append("</b><br>Đến: ")
          .append(HtmlUtils.htmlEscape(addresses(m.getAllRecipients()))).append("<br>Lúc: ")
          .append(m.getSentDate()).append("</p><div>").append(m.getContent()).append("</div>");
    }
    return html.append("</body></html>").toString();
  }

  private static String addresses(Address[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }
}
