package vn.giaydiduong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import vn.giaydiduong.casework.ProcessVariables;
import vn.giaydiduong.engine.MarkdownText;
import vn.giaydiduong.testing.ProcessTestSupport;

/**
 * What one official writes is shown to another as text: a return reason with a link, an image and HTML reaches
 * the review form escaped (form-js renders its text fields as markdown), while the case keeps the words as written.
 */
@SecurityHttpTest
class MarkupStaysTextTest extends ProcessTestSupport {

  private static final String REST = SecurityHttpTest.REST;

  static final String HOSTILE = "Sai tên [bấm vào đây](http://lua-dao.example) ![x](http://x.example/a.png) "
      + "<img src=x onerror=alert(1)>\n# Tiêu đề";

  @Autowired TestRestTemplate rest;

  @Test
  void aReturnReasonWithMarkupReachesTheReviewFormAsText() throws Exception {
    ProcessInstance instance = register("cskv.trucbach", residents(1));
    completeTask(instance, "canbo.trucbach", Map.of("reviewOutcome", "APPROVE_ALL"));
    completeTask(instance, "congan.trucbach", Map.of("stampDecision", "RETURN",
        ProcessVariables.RETURN_REASON.name(), HOSTILE));
    assertThat(instance).isWaitingAt("Task_ReviewList");
    String taskId = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();

    String shown = new ObjectMapper().readTree(rest.withBasicAuth("canbo.trucbach", "test-password")
        .getForObject(REST + "/task/" + taskId + "/form-variables", String.class))
        .path(ProcessVariables.RETURN_REASON.name()).path("value").asText();

    assertThat(shown).isEqualTo(MarkdownText.escape(HOSTILE)).doesNotContain("<img", "](http", "![", "\n#");
    assertThat(runtimeService.getVariable(instance.getId(), ProcessVariables.RETURN_REASON.name())).isEqualTo(HOSTILE);
  }

  @Test
  void escapedMarkdownKeepsTheWordsAndLosesTheMarkup() {
    assertThat(MarkdownText.escape("<b>Công ty A&B</b> [x](y) *đậm* # 1."))
        .isEqualTo("&lt;b&gt;Công ty A&amp;B&lt;/b&gt; \\[x\\]\\(y\\) \\*đậm\\* \\# 1\\.");
  }
}
