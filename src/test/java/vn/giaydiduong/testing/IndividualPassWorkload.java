package vn.giaydiduong.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Individual-pass lists driven over {@code /engine-rest} the way the wards' officers drive them (README, "The same
 * walkthrough over the REST API"), by several concurrent clients against one or more {@link AppProcess} nodes:
 * each client is one ward's CSKV, ward official and ward police; it keeps a few lists open, starts a new one
 * when one is delivered, and claims and completes every task its lists reach (review: all approved but the
 * last person, who gets a rejection mail; stamp; delivery). The async jobs in between (rejection mail, signing,
 * rendering) run on the nodes' job executors; a list counts once its delivery is completed.
 *
 * <p>The same clients drive {@link #FLOOR_KEY}, a process of the same shape with no work in it (the engine's
 * floor, {@code benchmarks/engine-floor.bpmn}), so the application's rate can be read against it.
 */
public final class IndividualPassWorkload {

  public static final String APP_KEY = "individual-pass";
  public static final String FLOOR_KEY = "engine-floor";
  public static final String PASSWORD = "Bench-pass-2021";
  static final String REJECTION = "Không thuộc đối tượng được đi lại";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TASKS = List.of("Task_ReviewList", "Task_StampPasses", "Task_DeliverPasses");
  private static final List<String> FAMILY = List.of("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng");
  private static final List<String> GIVEN = List.of("Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức",
      "Thu Hằng", "Quốc Hùng", "Thị Lan", "Văn Ưng", "Ngọc Ánh");
  /** Unique ID numbers, phones and mail addresses across the lists of one JVM. */
  private static final AtomicInteger PEOPLE = new AtomicInteger();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<String> nodes;
  private final List<String> wards;

  /**
   * Client {@code c} works on node {@code c mod nodes} in ward {@code c mod wards}: with more clients than wards,
   * and wards and nodes of coprime counts, every ward is driven from every node.
   */
  public IndividualPassWorkload(List<String> nodes, List<String> wards) {
    this.nodes = List.copyOf(nodes);
    this.wards = List.copyOf(wards);
  }

  public static String cskv(String ward) {
    return "cskv.b" + ward;
  }

  public static String official(String ward) {
    return "canbo.b" + ward;
  }

  public static String police(String ward) {
    return "congan.b" + ward;
  }

  /** Creates each ward's three officers over the admin REST API (both memberships: role and role in the ward). */
  public void createOfficers() {
    String node = nodes.get(0);
    for (String ward : wards) {
      for (String[] user : List.of(new String[] {cskv(ward), "cskv"}, new String[] {official(ward), "officials"},
          new String[] {police(ward), "police"})) {
        send(node, AppProcess.ADMIN_USER, AppProcess.ADMIN_PASSWORD, "POST", "/engine-rest/user/create", Map.of(
            "profile", Map.of("id", user[0], "firstName", "Cán bộ", "lastName", ward, "email", user[0] + "@example.vn"),
            "credentials", Map.of("password", PASSWORD)));
        for (String group : List.of(user[1], user[1] + "-" + ward)) {
          send(node, AppProcess.ADMIN_USER, AppProcess.ADMIN_PASSWORD, "PUT",
              "/engine-rest/group/" + group + "/members/" + user[0], null);
        }
      }
    }
  }

  /** Deploys {@link #FLOOR_KEY} as the administrator (never part of the application's own models) for CSKV to start. */
  public void deployFloor() {
    byte[] model;
    try (InputStream in = IndividualPassWorkload.class.getResourceAsStream("/benchmarks/engine-floor.bpmn")) {
      model = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String boundary = "floor" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
        + FLOOR_KEY + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\n"
        + "true\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + FLOOR_KEY
        + ".bpmn\"\r\nContent-Type: application/xml\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(model);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(nodes.get(0) + "/engine-rest/deployment/create"))
        .header("Authorization", basic(AppProcess.ADMIN_USER, AppProcess.ADMIN_PASSWORD))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    HttpResponse<String> response = exchange(request);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("deploying the floor: " + response.statusCode() + " " + response.body());
    }
    // CSKV may start it (PROCESS_DEFINITION = resource type 6; PROCESS_INSTANCE CREATE they already hold).
    send(nodes.get(0), AppProcess.ADMIN_USER, AppProcess.ADMIN_PASSWORD, "POST", "/engine-rest/authorization/create",
        Map.of("type", 1, "permissions", List.of("CREATE_INSTANCE"), "groupId", "cskv", "resourceType", 6,
            "resourceId", FLOOR_KEY));
  }

  /** What one run did: lists delivered, failed requests (method, path, status, body), wall time. */
  public record Result(String processKey, int lists, int listSize, int clients, long nanos, List<String> errors) {

    public double seconds() {
      return nanos / 1e9;
    }

    public double listsPerSecond() {
      return lists / seconds();
    }

    /** Passes issued: every person of a list but the rejected last one. */
    public double passesPerSecond() {
      return lists * (listSize - 1) / seconds();
    }
  }

  /**
   * Drives {@code lists} lists of {@code listSize} people of {@code processKey} with {@code clients} clients, each
   * keeping up to {@code open} lists in flight, until every list is delivered or {@code timeout} has passed.
   */
  public Result run(String processKey, int lists, int listSize, int clients, int open, Duration timeout) {
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + timeout.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int quota = lists / clients + (c < lists % clients ? 1 : 0);
        Client client = new Client(nodes.get(c % nodes.size()), wards.get(c % wards.size()), processKey, listSize,
            errors);
        done.add(pool.submit(() -> client.drive(quota, open, deadline)));
      }
      int delivered = 0;
      for (Future<Integer> future : done) {
        delivered += future.get();
      }
      return new Result(processKey, delivered, listSize, clients, System.nanoTime() - start, List.copyOf(errors));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One ward's three officers working their own lists on one node. */
  private final class Client {

    private final String node;
    private final String ward;
    private final String processKey;
    private final int listSize;
    private final List<String> errors;
    private final Map<String, String> userOf;

    Client(String node, String ward, String processKey, int listSize, List<String> errors) {
      this.node = node;
      this.ward = ward;
      this.processKey = processKey;
      this.listSize = listSize;
      this.errors = errors;
      this.userOf = Map.of(TASKS.get(0), official(ward), TASKS.get(1), police(ward), TASKS.get(2), cskv(ward));
    }

    /** The number of lists delivered. */
    int drive(int quota, int open, long deadline) {
      // Lists in flight by process instance id, with their business key: the stamp task lives in the
      // stamp-and-sign instance the case calls, which carries the case's business key (the floor is given one).
      Map<String, String> inFlight = new LinkedHashMap<>();
      int started = 0;
      int delivered = 0;
      int finished = 0;
      while (finished < quota && System.nanoTime() < deadline) {
        while (inFlight.size() < open && started < quota) {
          started++;
          JsonNode instance = call(cskv(ward), "POST", "/engine-rest/process-definition/key/" + processKey
              + "/start", Map.of("variables", startVariables(), "businessKey", "tai-" + UUID.randomUUID()));
          if (instance == null) {
            finished++;
          } else {
            inFlight.put(instance.get("id").asText(), instance.get("businessKey").asText());
          }
        }
        boolean worked = false;
        for (String taskKey : TASKS) {
          if (inFlight.isEmpty()) {
            break;
          }
          String user = userOf.get(taskKey);
          JsonNode tasks = call(user, "GET", "/engine-rest/task?taskDefinitionKey=" + taskKey
              + "&processInstanceBusinessKeyIn=" + String.join(",", inFlight.values()), null);
          for (JsonNode task : tasks == null ? JSON.createArrayNode() : tasks) {
            worked = true;
            String id = task.get("id").asText();
            boolean ok = call(user, "POST", "/engine-rest/task/" + id + "/claim", Map.of("userId", user)) != null
                && call(user, "POST", "/engine-rest/task/" + id + "/complete",
                    Map.of("variables", completion(taskKey))) != null;
            if (!ok || taskKey.equals(TASKS.get(2))) {
              inFlight.remove(task.get("processInstanceId").asText());
              finished++;
              delivered += ok ? 1 : 0;
            }
          }
        }
        if (!worked) {
          pause();
        }
      }
      return delivered;
    }

    private Map<String, Object> startVariables() {
      if (!processKey.equals(APP_KEY)) {
        return Map.of();
      }
      LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
      List<Map<String, String>> residents = new ArrayList<>();
      for (int i = 1; i <= listSize; i++) {
        int n = PEOPLE.incrementAndGet();
        residents.add(Map.of(
            "fullName", FAMILY.get(n % FAMILY.size()) + " " + GIVEN.get(n / FAMILY.size() % GIVEN.size()),
            "dateOfBirth", "1987-05-12",
            "idNumber", "001087%06d".formatted(n),
            "phone", "09%08d".formatted(n),
            "email", (i == listSize ? "tu-choi." : "nguoi.") + n + "@example.vn",
            "address", "Số " + (n % 200 + 1) + " phố Trúc Bạch",
            "destination", "Bệnh viện Bạch Mai",
            "purpose", "Đi làm (nhân viên y tế)",
            "validFrom", today.toString(),
            "validUntil", today.plusDays(7).toString()));
      }
      try {
        return Map.of("residents", Map.of("type", "Json", "value", JSON.writeValueAsString(residents)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Map<String, Object> completion(String taskKey) {
      if (!processKey.equals(APP_KEY)) {
        return Map.of();
      }
      return switch (taskKey) {
        case "Task_ReviewList" -> Map.of("reviewOutcome", Map.of("value", "PARTIAL"),
            "rejections", Map.of("value", listSize + ": " + REJECTION));
        case "Task_StampPasses" -> Map.of("stampDecision", Map.of("value", "STAMP"));
        default -> Map.of("deliveredTo", Map.of("value", "Người dân (nhận trực tiếp)"));
      };
    }

    /** The answer's JSON ({@code {}} when empty), or null after recording an unexpected status. */
    private JsonNode call(String user, String method, String path, Object body) {
      HttpResponse<String> response = IndividualPassWorkload.this.send(node, user, PASSWORD, method, path, body);
      if (response.statusCode() >= 300) {
        errors.add(method + " " + path.replaceAll("\\?.*", "") + " → " + response.statusCode() + " "
            + response.body().substring(0, Math.min(300, response.body().length())));
        return null;
      }
      try {
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private HttpResponse<String> send(String node, String user, String password, String method, String path,
      Object body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path))
          .timeout(Duration.ofSeconds(120))
          .header("Authorization", basic(user, password));
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> response = exchange(request.build());
      if (user.equals(AppProcess.ADMIN_USER) && response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
