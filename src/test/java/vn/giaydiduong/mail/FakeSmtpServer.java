package vn.giaydiduong.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A tiny SMTP server for fault tests: it can be stopped (the port refuses connections) and started again on the
 * same port, and it can hold its answer to the first message's data, as a slow server does, until the test lets
 * it go. A message counts as delivered once the server has answered its data with 250.
 */
public final class FakeSmtpServer implements AutoCloseable {

  /** What was delivered: the recipients and the raw message. */
  public record Delivered(List<String> recipients, String data) {
  }

  private final int port;
  private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile String holdFor;
  private volatile BooleanSupplier holdFirstUntil;
  private final CountDownLatch firstDataReceived = new CountDownLatch(1);
  private volatile boolean firstTaken;

  public FakeSmtpServer() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    start();
  }

  public int port() {
    return port;
  }

  public List<Delivered> deliveredTo(String recipient) {
    return delivered.stream().filter(d -> d.recipients().contains(recipient)).toList();
  }

  /**
   * The data of the first message to {@code recipient} is answered only once {@code condition} holds (checked
   * every 100 ms, at most a minute); later messages are answered at once.
   */
  public void holdFirstMessageUntil(String recipient, BooleanSupplier condition) {
    holdFor = recipient;
    holdFirstUntil = condition;
  }

  public boolean awaitFirstDataHeld(long seconds) throws InterruptedException {
    return firstDataReceived.await(seconds, TimeUnit.SECONDS);
  }

  public synchronized void start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = socket;
    Thread acceptor = new Thread(() -> accept(socket), "fake-smtp-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Closes the port: a connection attempt is refused, as when the mail server is down. */
  public synchronized void stop() throws IOException {
    server.close();
    for (Socket s : connections) {
      s.close();
    }
    connections.clear();
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections.add(client);
        Thread session = new Thread(() -> serve(client), "fake-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
          StandardCharsets.UTF_8));
      OutputStream out = client.getOutputStream();
      reply(out, "220 fake-smtp ESMTP");
      List<String> recipients = new CopyOnWriteArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (command) {
          case "EHLO", "HELO" -> reply(out, "250 fake-smtp");
          case "MAIL" -> {
            recipients.clear();
            reply(out, "250 OK");
          }
          case "RCPT" -> {
            recipients.add(line.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1"));
            reply(out, "250 OK");
          }
          case "DATA" -> {
            reply(out, "354 End data with <CR><LF>.<CR><LF>");
            StringBuilder data = new StringBuilder();
            while ((line = in.readLine()) != null && !line.equals(".")) {
              data.append(line).append("\r\n");
            }
            holdIfFirst(recipients);
            delivered.add(new Delivered(List.copyOf(recipients), data.toString()));
            reply(out, "250 OK queued");
          }
          case "QUIT" -> {
            reply(out, "221 Bye");
            return;
          }
          default -> reply(out, "250 OK");
        }
      }
    } catch (IOException | InterruptedException ended) {
      // the client or the test closed the connection
    }
  }

  private void holdIfFirst(List<String> recipients) throws InterruptedException {
    BooleanSupplier hold;
    synchronized (this) {
      hold = firstTaken || !recipients.contains(holdFor) ? null : holdFirstUntil;
      if (hold != null) {
        firstTaken = true;
      }
    }
    if (hold == null) {
      return;
    }
    firstDataReceived.countDown();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!hold.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(100);
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
