package vn.giaydiduong.rules;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Evaluates the latest deployed version of a table, looked up at every evaluation, so a table an analyst deploys
 * applies to the next decision without a restart. The version is resolved first and that very version evaluated,
 * so the version reported is the one that answered even when a deployment happens in between.
 */
@Component
class LatestTable {

  /** One evaluation: the table's answer and the version that gave it. */
  record Evaluation(DmnDecisionResult result, RuleVersion rule) {
  }

  private final RepositoryService repository;
  private final DecisionService decisions;

  LatestTable(RepositoryService repository, DecisionService decisions) {
    this.repository = repository;
    this.decisions = decisions;
  }

  Evaluation evaluate(String decisionKey, Map<String, Object> inputs) {
    return evaluate(latest(decisionKey), inputs);
  }

  /** The version that decides from now on. */
  RuleVersion latest(String decisionKey) {
    // Tables are deployed without a tenant (see docs/changing-rules.md).
    DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
        .withoutTenantId().latestVersion().singleResult();
    if (latest == null) {
      throw new RuleException(decisionKey, "bảng chưa được triển khai");
    }
    return new RuleVersion(latest.getId(), latest.getVersion());
  }

  Evaluation evaluate(RuleVersion rule, Map<String, Object> inputs) {
    return new Evaluation(decisions.evaluateDecisionById(rule.definitionId()).variables(inputs).evaluate(), rule);
  }
}
