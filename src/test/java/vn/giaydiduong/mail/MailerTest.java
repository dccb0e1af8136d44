package vn.giaydiduong.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** A mail's subject is the template's title as text; the body keeps what people wrote escaped. */
class MailerTest {

  @Test
  void theSubjectIsText_theBodyEscapesMarkup() throws Exception {
    List<MimeMessage> sent = new ArrayList<>();
    JavaMailSenderImpl sender = new JavaMailSenderImpl() {
      @Override
      public void send(MimeMessage... messages) {
        sent.addAll(List.of(messages));
      }
    };
    new Mailer(sender, new MailProperties("khong-tra-loi@giaydiduong.hanoi.gov.vn", null)).send("a@example.vn",
        "staff-list-refused", Map.of("subject", "Công ty A & B <b>gấp</b>", "reference", "",
            "problems", List.of("<img src=x onerror=alert(1)>")));

    MimeMessage mail = sent.get(0);
    assertThat(mail.getSubject()).isEqualTo("Re: Công ty A & B <b>gấp</b> – danh sách chưa được nhận");
    assertThat((String) mail.getContent()).contains("&lt;img src=x onerror=alert(1)&gt;", "A &amp; B")
        .doesNotContain("<img", "<b>gấp");
  }
}
