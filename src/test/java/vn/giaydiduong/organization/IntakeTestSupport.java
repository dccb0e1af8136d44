package vn.giaydiduong.organization;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.ActiveProfiles;
import vn.giaydiduong.intake.StaffListFiles;
import vn.giaydiduong.organization.MailIntake.ImapEndpoint;
import vn.giaydiduong.organization.WardMails.Attachment;

/**
 * One application context for the intake limit tests (HTTP on a random port, IMAP through GreenMail), with small
 * limits so each can be reached quickly: 4 MB a submission (so mail over about 6.7 MB is refused unread), 3 s a
 * mail, 4 s a mailbox poll, 2 stored mails a sender a day, 3 uploads a link a day and 5 in all. The intake reads
 * the mailboxes through {@link ThrottledImap}, a proxy that serves at most 256 KB/s and counts the bytes, so a slow
 * mail is slow and "not downloaded" can be measured. The first mailbox is one the tests break.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "giaydiduong.organization.upload-max-bytes=4194304",
    "giaydiduong.organization.mail-intake.message-timeout=PT3S",
    "giaydiduong.organization.mail-intake.mailbox-timeout=PT4S",
    "giaydiduong.organization.mail-intake.sender-daily-limit=2",
    "giaydiduong.organization.upload.daily-limit=3",
    "giaydiduong.organization.upload.total-limit=5",
    "giaydiduong.organization.mail-intake.mailboxes[0].address=" + IntakeTestSupport.BROKEN_MAILBOX,
    "giaydiduong.organization.mail-intake.mailboxes[0].password=test-password",
    "giaydiduong.organization.mail-intake.mailboxes[1].address=" + IntakeTestSupport.TRUC_BACH_MAILBOX,
    "giaydiduong.organization.mail-intake.mailboxes[1].password=test-password",
    "giaydiduong.organization.mail-intake.mailboxes[2].address=" + IntakeTestSupport.PHUC_XA_MAILBOX,
    "giaydiduong.organization.mail-intake.mailboxes[2].password=test-password"})
@ActiveProfiles("test")
@Import(IntakeTestSupport.ThrottledImap.class)
abstract class IntakeTestSupport {

  static final String BROKEN_MAILBOX = "qrca.bd.dc1@gmail.com";
  static final String TRUC_BACH_MAILBOX = "qrca.bd.tb1@gmail.com";
  static final String PHUC_XA_MAILBOX = "qrca.bd.px1@gmail.com";
  static final String ORG_EMAIL = "nhansu@thucphamhanoi.vn";
  private static final Pattern UPLOAD_LINK = Pattern.compile("/to-chuc/nop-danh-sach/([A-Za-z0-9_-]{43})");
  /** ID numbers unique across the tests of the context (they share the database). */
  private static final AtomicInteger SERIALS = new AtomicInteger(500_000);

  @Autowired GreenMail greenMail;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired ManagementService managementService;
  @Autowired Proxy proxy;
  @Autowired JavaMailSender mailSender;

  static List<List<Object>> people(int count) {
    return StaffListFiles.people(count, SERIALS.getAndAdd(count));
  }

  int count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Integer.class, args);
  }

  /** A registration confirmed by the ward, waiting for its list; its upload token. */
  Registration register(int staff) throws Exception {
    Map<String, Object> form = OrganizationPassProcessTest.registration(staff);
    actAs("cskv.trucbach");
    ProcessInstance instance;
    try {
      instance = runtimeService.startProcessInstanceByKey("organization-pass", form);
    } finally {
      identityService.clearAuthentication();
    }
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    actAs("canbo.trucbach");
    try {
      taskService.claim(task.getId(), "canbo.trucbach");
      taskService.complete(task.getId(), Map.of());
    } finally {
      identityService.clearAuthentication();
    }
    executeJobs(instance, 2);
    long applicationId = (Long) runtimeService.getVariable(instance.getId(), "applicationId");
    String reference = (String) runtimeService.getVariable(instance.getId(), "reference");
    String token = null;
    for (MimeMessage m : greenMail.getReceivedMessagesForDomain(ORG_EMAIL)) {
      if (m.getSubject().contains(reference)) {
        Matcher link = UPLOAD_LINK.matcher(org.springframework.web.util.HtmlUtils.htmlUnescape(body(m)));
        if (link.find()) {
          token = link.group(1);
        }
      }
    }
    return new Registration(instance, applicationId, reference, token);
  }

  record Registration(ProcessInstance instance, long applicationId, String reference, String token) {
  }

  void executeJobs(ProcessInstance instance, int count) {
    for (int i = 0; i < count; i++) {
      Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
      managementService.executeJob(job.getId());
    }
  }

  private void actAs(String userId) {
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    identityService.setAuthentication(userId, groups);
  }

  /** A mail whose attachment is cut off inside its base64 (no closing line): JavaMail cannot read it. */
  static MimeMessage malformed(String from, String subject) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(("""
        From: %s
        To: qrca.bd.tb1@gmail.com
        Subject: %s
        Message-ID: <%s>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=UTF-8

        Xin gui.
        --b1
        Content-Type: application/pdf; name="a.pdf"
        Content-Disposition: attachment; filename="a.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0
        --b1--
        """).formatted(from, subject, from).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII)));
  }

  /** A mail sent through the test SMTP server to a ward mailbox. */
  void send(String from, String to, String subject, Attachment... attachments) throws Exception {
    WardMails.send(mailSender, from, to, subject, "Kính gửi UBND phường.", List.of(attachments));
  }

  /** A PDF-looking file of {@code size} random (incompressible) bytes. */
  static byte[] pdf(int size, long seed) {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 9);
    return content;
  }

  int stored(String sender) {
    return count("select count(*) from staff_list_submission where sender = ?", sender);
  }

  static String body(MimeMessage message) throws Exception {
    Object content = message.getContent();
    if (content instanceof jakarta.mail.Multipart multipart) {
      Object first = multipart.getBodyPart(0).getContent();
      if (first instanceof jakarta.mail.Multipart alternative) {
        return alternative.getBodyPart(0).getContent().toString();
      }
      return first.toString();
    }
    return content.toString();
  }

  List<MimeMessage> mailsTo(String address) {
    return Arrays.asList(greenMail.getReceivedMessagesForDomain(address));
  }

  /** The ward mailboxes as the intake sees them: through a throttling, counting proxy in front of GreenMail. */
  @TestConfiguration
  static class ThrottledImap {

    @Bean
    Proxy throttledImapProxy(GreenMail greenMail) throws IOException {
      return new Proxy(greenMail.getImap().getPort(), 256 * 1024);
    }

    @Bean
    @Primary
    ImapEndpoint throttledImapEndpoint(Proxy proxy,
        @org.springframework.beans.factory.annotation.Qualifier("imapEndpoint") ImapEndpoint embedded) {
      // The embedded endpoint's bean creates the mailboxes on GreenMail; the intake goes through the proxy.
      return new ImapEndpoint("127.0.0.1", proxy.port(), false);
    }
  }

  /**
   * A TCP proxy whose server-to-client direction runs at most {@code bytesPerSecond}, counting what it relays. It
   * can also play an IMAP server that is unreachable ({@link #refuse()}: connections refused) or hangs
   * ({@link #hang(boolean)}: connections accepted, never answered).
   */
  static final class Proxy implements AutoCloseable {
    final AtomicLong downstreamBytes = new AtomicLong();
    private final int target;
    private final int bytesPerSecond;
    private final int port;
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean hanging;

    Proxy(int target, int bytesPerSecond) throws IOException {
      this.target = target;
      this.bytesPerSecond = bytesPerSecond;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.port = server.getLocalPort();
      ServerSocket listening = server;
      daemon(() -> accept(listening));
    }

    private static void daemon(Runnable task) {
      Thread thread = new Thread(task, "imap-proxy");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return port;
    }

    /** Stops listening: connections are refused, as by a host whose IMAP server is down. */
    synchronized void refuse() throws IOException {
      server.close();
    }

    /** Listens again on the same port. */
    synchronized void reopen() throws IOException {
      if (!server.isClosed()) {
        return;
      }
      ServerSocket listening = new ServerSocket();
      listening.setReuseAddress(true);
      listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      server = listening;
      daemon(() -> accept(listening));
    }

    /** While {@code on}, connections are accepted and never answered; turned off, those held are closed. */
    void hang(boolean on) throws IOException {
      hanging = on;
      if (!on) {
        for (Socket socket : held) {
          socket.close();
        }
        held.clear();
      }
    }

    private void accept(ServerSocket listening) {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          if (hanging) {
            held.add(client);
            continue;
          }
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          daemon(() -> pump(client, upstream, false));
          daemon(() -> pump(upstream, client, true));
        } catch (IOException e) {
          // closed
        }
      }
    }

    private void pump(Socket from, Socket to, boolean throttled) {
      byte[] buffer = new byte[4096];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
          if (throttled) {
            downstreamBytes.addAndGet(n);
            Thread.sleep(n * 1000L / bytesPerSecond);
          }
        }
      } catch (IOException | InterruptedException e) {
        // one side closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException e) {
          // closed
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      hang(false);
    }
  }
}
