package org.campaigndesk.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.campaign.AnnualPlanStarter;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.scoring.Scoring;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A database from before the plan's facts travelled with the instances: its running annual plans
 * and scorings get them from the stored plan once, at start-up, and the steps below read them there.
 */
class PlanFactsUpgradeTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  PlanFactsUpgrade upgrade;
  @Autowired
  PlanRepository repository;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  PlanRevisions revisions;

  @Test
  void runningInstancesWithoutTheirPlansFacts_getThemFromTheStoredPlan_once() {
    String planId = "pf" + UUID.randomUUID().toString().substring(0, 6);
    importService.importPlan(TestPlans.plan(planId).replace("t-", planId + "-"), "test", null);
    List<ProcessInstance> roots = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(planId)
        .processDefinitionKeyIn(AnnualPlanStarter.PROCESS_KEY, Scoring.PROCESS_KEY).list();
    assertThat(roots).hasSize(2);
    // As today's main leaves them: no facts on the instances.
    roots.forEach(root -> runtimeService.removeVariable(root.getId(), PlanFacts.VARIABLE));

    assertThat(upgrade.upgrade()).isEqualTo(2);

    PlanFacts expected = PlanFacts.of(repository.load(planId));
    for (ProcessInstance root : roots) {
      PlanFacts facts = PlanFacts.read(runtimeService.getVariable(root.getId(), PlanFacts.VARIABLE));
      assertThat(facts).isEqualTo(expected);
    }
    assertThat(expected.units()).extracting(PlanFacts.Unit::id).contains(planId + "-agri");
    assertThat(upgrade.upgrade()).isZero();
  }

  /**
   * Facts written before version 2 (main of this morning: no key-task text, units or deadline, no
   * leaders' titles) are refreshed, so starting or assigning a key task finds all it needs there.
   */
  @Test
  void factsOfAnOlderVersion_areRefreshedFromTheStoredPlan() throws Exception {
    String planId = "pv" + UUID.randomUUID().toString().substring(0, 6);
    importService.importPlan(TestPlans.plan(planId).replace("t-", planId + "-"), "test", null);
    List<ProcessInstance> roots = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(planId)
        .processDefinitionKeyIn(AnnualPlanStarter.PROCESS_KEY, Scoring.PROCESS_KEY).list();
    PlanFacts expected = PlanFacts.of(repository.load(planId));
    // As main wrote them before version 2: the first fields only.
    com.fasterxml.jackson.databind.node.ObjectNode old = org.campaigndesk.kernel.Json.MAPPER.valueToTree(expected);
    old.remove(List.of("version", "spanText", "progressReportDates"));
    old.withArray("keyTasks").forEach(task -> ((com.fasterxml.jackson.databind.node.ObjectNode) task)
        .retain("no", "label", "leadLeaderIds", "owningUnitId", "awaitingOwner"));
    old.withArray("leaders").forEach(leader -> ((com.fasterxml.jackson.databind.node.ObjectNode) leader).remove("title"));
    roots.forEach(root -> runtimeService.setVariable(root.getId(), PlanFacts.VARIABLE,
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(old.toString()).create()));
    assertThat(PlanFacts.read(runtimeService.getVariable(roots.get(0).getId(), PlanFacts.VARIABLE)).version()).isZero();

    assertThat(upgrade.upgrade()).isEqualTo(2);

    for (ProcessInstance root : roots) {
      assertThat(PlanFacts.read(runtimeService.getVariable(root.getId(), PlanFacts.VARIABLE))).isEqualTo(expected);
    }
    assertThat(expected.keyTask(1).orElseThrow().deadlineText()).isNotBlank();
    assertThat(upgrade.upgrade()).isZero();
  }

  /** A revision carries the revised plan's facts to the running instances (campaigns not yet opened, names). */
  @Test
  void aRevision_givesTheRunningInstancesTheRevisedFacts() {
    String planId = "pr" + UUID.randomUUID().toString().substring(0, 6);
    String source = TestPlans.plan(planId).replace("t-", planId + "-");
    importService.importPlan(source, "test", null);
    String revised = source.replace("title: 测试县2026年扶贫开发工作计划", "title: 测试县2026年扶贫开发工作计划（修订）")
        .replace("title: 饮水安全保障工程", "title: 饮水安全巩固工程");
    assertThat(revised).isNotEqualTo(source);

    revisions.revise(planId, revised, PlanImportService.Importer.trusted("test"), null);

    List<ProcessInstance> roots = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(planId)
        .processDefinitionKeyIn(AnnualPlanStarter.PROCESS_KEY, Scoring.PROCESS_KEY).list();
    assertThat(roots).hasSize(2).allSatisfy(root -> {
      PlanFacts facts = PlanFacts.read(runtimeService.getVariable(root.getId(), PlanFacts.VARIABLE));
      assertThat(facts.title()).isEqualTo("测试县2026年扶贫开发工作计划（修订）");
      assertThat(facts.keyTask(2).orElseThrow().label()).isEqualTo("【二】饮水安全巩固工程");
    });
  }
}
