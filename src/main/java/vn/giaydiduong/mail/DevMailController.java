package vn.giaydiduong.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import vn.giaydiduong.identity.Officials;

/**
 * What the embedded mail server received, newest first: lets a newcomer see the mails of the demo run. Demo only
 * (embedded mail server), and administrators only: the mails hold secret upload links, and ApiAuthenticationFilter
 * asks for a login (HTTP Basic or the webapps' session) before this runs.
 *
 * <p>Subjects, addresses and bodies come from strangers too (the ward mailboxes receive any mail), so everything
 * is shown as escaped text: a mail's HTML is reduced to its text, and its http(s) links are listed as links.
 */
@RestController
@ConditionalOnProperty(name = "giaydiduong.mail.embedded.enabled", havingValue = "true")
public class DevMailController {

  private static final Pattern HREF = Pattern.compile("href\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);
  private static final Pattern BLOCK_END = Pattern.compile("(?i)<br\\s*/?>|</(p|div|tr|li|h[1-6]|table)>");
  private static final Pattern INVISIBLE = Pattern.compile("(?is)<(head|style|script)\\b.*?</\\1\\s*>");

  private final GreenMail greenMail;
  private final Officials officials;

  public DevMailController(GreenMail greenMail, Officials officials) {
    this.greenMail = greenMail;
    this.officials = officials;
  }

  @GetMapping(value = "/dev/mail", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  public ResponseEntity<String> mailbox() throws MessagingException, IOException {
    if (!officials.currentUserIsAdmin()) {
      // An HTML page, as this endpoint produces (ApiErrors answers JSON).
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body("<!doctype html><html lang=\"vi\"><meta "
          + "charset=\"utf-8\"><title>Không có quyền</title><p>Chỉ quản trị viên mới xem được hộp thư thử nghiệm.</p>");
    }
    List<MimeMessage> messages = Arrays.asList(greenMail.getReceivedMessages());
    StringBuilder html = new StringBuilder("<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">"
        + "<title>Thư đã gửi (máy chủ thư nhúng)</title><body style=\"font-family:sans-serif;max-width:60em\">"
        + "<h1>Thư đã gửi: " + messages.size() + "</h1>");
    for (int i = messages.size() - 1; i >= 0; i--) {
      MimeMessage m = messages.get(i);
      String body = body(m);
      html.append("<hr><p><b>").append(escape(m.getSubject())).append("</b><br>Từ: ")
          .append(escape(addresses(m.getFrom()))).append("<br>Đến: ")
          .append(escape(addresses(m.getAllRecipients()))).append("<br>Lúc: ")
          .append(escape(String.valueOf(m.getSentDate()))).append("</p><pre style=\"white-space:pre-wrap\">")
          .append(escape(text(body))).append("</pre>");
      Set<String> links = links(body);
      if (!links.isEmpty()) {
        html.append("<p>Liên kết trong thư:</p><ul>");
        links.forEach(link -> html.append("<li><a rel=\"noopener noreferrer\" href=\"").append(escape(link))
            .append("\">").append(escape(link)).append("</a></li>"));
        html.append("</ul>");
      }
    }
    html.append("</body></html>");
    // Belt and braces: even if something slipped through unescaped, the browser runs no script on this page.
    return ResponseEntity.ok().header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(html.toString());
  }

  private static String escape(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }

  /** The mail's text: its HTML part if any (our templates), else its plain text part. */
  private static String body(Part part) throws MessagingException, IOException {
    Object content = part.getContent();
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof Multipart multipart) {
      String plain = null;
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
          continue;
        }
        String text = body(child);
        if (child.isMimeType("text/html") || (child.isMimeType("multipart/*") && !text.isEmpty())) {
          return text;
        }
        if (plain == null && child.isMimeType("text/plain")) {
          plain = text;
        }
      }
      return plain == null ? "" : plain;
    }
    return "";
  }

  /** HTML reduced to readable text; the result is escaped again when shown. */
  private static String text(String html) {
    if (html.indexOf('<') < 0) {
      return html;
    }
    String text = INVISIBLE.matcher(html).replaceAll("");
    text = BLOCK_END.matcher(text).replaceAll("\n");
    text = text.replaceAll("<[^>]*>", "");
    text = HtmlUtils.htmlUnescape(text);
    return text.replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\s*\\n\\s*(\\n\\s*)+", "\n\n").strip();
  }

  /** Links a reader may follow: http(s) only, never javascript: or data:. */
  private static Set<String> links(String html) {
    Set<String> links = new LinkedHashSet<>();
    Matcher m = HREF.matcher(html);
    while (m.find()) {
      String link = HtmlUtils.htmlUnescape(m.group(1)).strip();
      if (link.regionMatches(true, 0, "https://", 0, 8) || link.regionMatches(true, 0, "http://", 0, 7)) {
        links.add(link);
      }
    }
    return links;
  }

  private static String addresses(Address[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }
}
