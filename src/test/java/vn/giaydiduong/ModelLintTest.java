package vn.giaydiduong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diagrams are for people (see docs/models.md): every model passes bpmnlint's recommended rules with no finding
 * at all, and its diagram has lanes per role, no label on another label or on a shape, no sequence flow drawn
 * through a shape or a label, every label inside the pool.
 *
 * <p>bpmnlint is the real one (node, tools/bpmnlint): the test runs {@code npm ci} there once, whenever
 * package-lock.json changed, then bpmnlint on each model. Without node and npm the bpmnlint check is skipped with
 * the reason, except on CI ({@code CI=true}) or with {@code -Dbpmnlint.required=true}, where it fails instead.
 * The geometry checks need nothing but Java.
 */
class ModelLintTest {

  private static final Path BPMNLINT = Path.of("tools/bpmnlint");
  private static final Map<String, String> LANE_OF_CANDIDATE_GROUP = Map.of(
      "cskv-", "Cảnh sát khu vực (CSKV)",
      "officials-", "Cán bộ phường",
      "police-", "Công an phường");
  private static boolean installed;

  static Stream<Path> models() throws IOException {
    return ModelConventionsTest.models();
  }

  @ParameterizedTest
  @MethodSource("models")
  void bpmnlintRecommendedFindsNothing(Path file) throws Exception {
    ensureBpmnlintInstalled();
    Result lint = run(Path.of("."), 120, "node", BPMNLINT.resolve("node_modules/bpmnlint/bin/bpmnlint.js").toString(),
        "--config", ".bpmnlintrc", "--max-warnings=0", file.toString());
    assertThat(lint.exitCode()).as("bpmnlint findings in %s:%n%s", file, lint.output()).isZero();
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyFlowNodeIsInTheLaneOfItsRole(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Map<String, Bounds> shapes = shapeBounds(model);
    Map<String, Lane> laneOf = new LinkedHashMap<>();
    for (Lane lane : model.getModelElementsByType(Lane.class)) {
      assertThat(lane.getName()).as("name of lane " + lane.getId()).isNotBlank();
      assertThat(shapes).as("diagram shape of lane " + lane.getId()).containsKey(lane.getId());
      for (FlowNode node : lane.getFlowNodeRefs()) {
        assertThat(laneOf.put(node.getId(), lane)).as(node.getId() + " in two lanes").isNull();
        assertThat(inside(shapes.get(node.getId()), shapes.get(lane.getId())))
            .as("%s drawn inside its lane %s", node.getId(), lane.getName()).isTrue();
      }
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(laneOf).as("lane of " + node.getId()).containsKey(node.getId());
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String group = task.getCamundaCandidateGroups();
      String expected = LANE_OF_CANDIDATE_GROUP.entrySet().stream().filter(e -> group.startsWith(e.getKey()))
          .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no lane for " + group));
      assertThat(laneOf.get(task.getId()).getName()).as("lane of " + task.getId() + " (" + group + ")")
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void labelsAndFlowsKeepClearOfEachOther(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Map<String, Bounds> nodes = new LinkedHashMap<>();
    Map<String, Bounds> labels = new LinkedHashMap<>();
    List<Bounds> pools = new ArrayList<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      BaseElement element = shape.getBpmnElement();
      if (element instanceof FlowNode) {
        nodes.put(element.getId(), shape.getBounds());
      } else if (element instanceof Participant) {
        pools.add(shape.getBounds());
      }
      label(shape.getBpmnLabel()).ifPresent(b -> labels.put("label of " + element.getId(), b));
    }
    Map<String, BpmnEdge> edges = new LinkedHashMap<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      edges.put(edge.getBpmnElement().getId(), edge);
      label(edge.getBpmnLabel()).ifPresent(b -> labels.put("label of " + edge.getBpmnElement().getId(), b));
    }
    // Named gateways, events and flows carry a label of their own, placed by hand rather than by the renderer.
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!(node instanceof org.camunda.bpm.model.bpmn.instance.Activity) && node.getName() != null) {
        assertThat(labels).as("label bounds of " + node.getId()).containsKey("label of " + node.getId());
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (flow.getName() != null) {
        assertThat(labels).as("label bounds of " + flow.getId()).containsKey("label of " + flow.getId());
      }
    }

    List<String> problems = new ArrayList<>();
    List<Map.Entry<String, Bounds>> labelList = List.copyOf(labels.entrySet());
    for (int i = 0; i < labelList.size(); i++) {
      Map.Entry<String, Bounds> a = labelList.get(i);
      Bounds box = a.getValue();
      if (box.getX() < 0 || box.getY() < 0) {
        problems.add(a.getKey() + " is outside the canvas");
      }
      if (!pools.isEmpty() && pools.stream().noneMatch(pool -> inside(box, pool))) {
        problems.add(a.getKey() + " is outside the pool");
      }
      for (Map.Entry<String, Bounds> b : labelList.subList(i + 1, labelList.size())) {
        if (overlap(box, b.getValue())) {
          problems.add(a.getKey() + " overlaps " + b.getKey());
        }
      }
      nodes.forEach((id, shape) -> {
        if (overlap(box, shape)) {
          problems.add(a.getKey() + " overlaps the shape of " + id);
        }
      });
    }
    edges.forEach((id, edge) -> {
      SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
      List<Waypoint> points = List.copyOf(edge.getWaypoints());
      for (int i = 1; i < points.size(); i++) {
        Waypoint p = points.get(i - 1);
        Waypoint q = points.get(i);
        int segment = i;
        nodes.forEach((nodeId, shape) -> {
          boolean own = nodeId.equals(flow.getSource().getId()) || nodeId.equals(flow.getTarget().getId());
          if (!own && crosses(p, q, shape)) {
            problems.add("flow " + id + " (segment " + segment + ") crosses the shape of " + nodeId);
          }
        });
        labels.forEach((label, box) -> {
          if (crosses(p, q, box)) {
            problems.add("flow " + id + " (segment " + segment + ") crosses the " + label);
          }
        });
      }
    });
    assertThat(problems).as("diagram problems in " + file).isEmpty();
  }

  private static java.util.Optional<Bounds> label(BpmnLabel label) {
    return java.util.Optional.ofNullable(label).map(BpmnLabel::getBounds);
  }

  private static Map<String, Bounds> shapeBounds(BpmnModelInstance model) {
    Map<String, Bounds> shapes = new LinkedHashMap<>();
    model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.put(s.getBpmnElement().getId(), s.getBounds()));
    return shapes;
  }

  private static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
  }

  private static boolean inside(Bounds inner, Bounds outer) {
    return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  /** Whether segment pq passes through the inside of the box (touching its border is not crossing). */
  static boolean crosses(Waypoint p, Waypoint q, Bounds box) {
    // Liang-Barsky clipping against the open box
    double x0 = p.getX();
    double y0 = p.getY();
    double dx = q.getX() - x0;
    double dy = q.getY() - y0;
    double[] edgeP = {-dx, dx, -dy, dy};
    double[] edgeQ = {x0 - box.getX(), box.getX() + box.getWidth() - x0, y0 - box.getY(),
        box.getY() + box.getHeight() - y0};
    double t0 = 0;
    double t1 = 1;
    for (int i = 0; i < 4; i++) {
      if (edgeP[i] == 0) {
        if (edgeQ[i] <= 0) {
          return false; // parallel to this side and outside of it or on it
        }
      } else {
        double t = edgeQ[i] / edgeP[i];
        if (edgeP[i] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
      }
    }
    return t1 - t0 > 1e-9;
  }

  private static synchronized void ensureBpmnlintInstalled() throws Exception {
    if (installed) {
      return;
    }
    boolean required = "true".equals(System.getenv("CI")) || Boolean.getBoolean("bpmnlint.required");
    boolean available = works("node", "--version") && works("npm", "--version");
    if (!required) {
      Assumptions.assumeTrue(available, "node and npm are not installed: bpmnlint check skipped (it runs on CI)");
    }
    assertThat(available).as("node and npm on the PATH (CI runs bpmnlint)").isTrue();
    Path lock = BPMNLINT.resolve("package-lock.json");
    Path stamp = BPMNLINT.resolve("node_modules/.installed-from-lock");
    String lockHash = HexFormat.of().formatHex(sha256(Files.readAllBytes(lock)));
    if (!Files.exists(stamp) || !Files.readString(stamp).equals(lockHash)) {
      Result npm = run(BPMNLINT, 600, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
      assertThat(npm.exitCode()).as("npm ci in %s:%n%s", BPMNLINT, npm.output()).isZero();
      Files.writeString(stamp, lockHash);
    }
    installed = true;
  }

  private static boolean works(String... command) {
    try {
      return run(Path.of("."), 30, command).exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path directory, int timeoutSeconds, String... command) throws IOException {
    Path log = Files.createTempFile("model-lint-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("NO_COLOR", "1");
      builder.environment().put("FORCE_COLOR", "0");
      Process process = builder.start();
      try {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " took longer than " + timeoutSeconds + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IOException(e);
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
