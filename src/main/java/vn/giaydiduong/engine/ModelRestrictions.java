package vn.giaydiduong.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import vn.giaydiduong.common.InvalidInputException;

/**
 * What a deployed model may run: process beans through expressions, nothing else. Scripts (script tasks,
 * script listeners, script conditions and I/O mappings, external script resources) and {@code camunda:class}
 * (any class on the classpath) are refused at deployment, unless the process is on the allow-list
 * ({@code giaydiduong.models.script-allowed-processes}), so an analyst's model cannot reach the database, the
 * keys or the file system. Refusal fails the whole deployment, with a Vietnamese message naming the element.
 */
final class ModelRestrictions extends AbstractBpmnParseListener {

  private static final String CAMUNDA_NS = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS.getNamespaceUri();

  private final Set<String> scriptAllowedProcesses;

  ModelRestrictions(Set<String> scriptAllowedProcesses) {
    this.scriptAllowedProcesses = Set.copyOf(scriptAllowedProcesses);
  }

  @Override
  public void parseRootElement(Element rootElement, List<ProcessDefinitionEntity> processDefinitions) {
    if (processDefinitions.stream().allMatch(d -> scriptAllowedProcesses.contains(d.getKey()))
        && !processDefinitions.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    inspect(rootElement, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("Mô hình không được triển khai: " + String.join("; ", problems)
          + ". Mô hình chỉ được gọi các bean của quy trình (camunda:delegateExpression); script và "
          + "camunda:class bị tắt để bảo vệ dữ liệu và khóa ký.");
    }
  }

  private static void inspect(Element element, List<String> problems) {
    String tag = element.getTagName();
    String where = element.attribute("id") != null ? element.attribute("id") : tag + " (dòng " + element.getLine()
        + ")";
    if ("scriptTask".equals(tag)) {
      problems.add(where + " là script task");
    } else if ("script".equals(tag) && CAMUNDA_NS.equals(element.getUri())) {
      problems.add(where + " có script");
    } else if (("conditionExpression".equals(tag) || "condition".equals(tag))
        && element.attribute("language") != null) {
      problems.add(where + " có điều kiện bằng script");
    }
    if (element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "class") != null
        || element.attribute("class") != null && CAMUNDA_NS.equals(element.getUri())) {
      problems.add(where + " dùng camunda:class");
    }
    if (element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "resource") != null) {
      problems.add(where + " nạp script từ tệp ngoài");
    }
    for (Element child : element.elements()) {
      inspect(child, problems);
    }
  }
}
