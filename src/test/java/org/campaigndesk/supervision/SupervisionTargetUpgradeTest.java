package org.campaigndesk.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueJobs;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.LegacyDeployments;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.ops.RunningInstanceUpgrades;
import org.campaigndesk.reminder.WatchUpgrade;
import org.campaigndesk.reminder.WatchVariables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A supervision target of a version from before it listened for its watch's report
 * ({@code legacy-main/processes/supervision-target.bpmn}), its month's watch started before the
 * call named the scope it guards. Its report is late: the watch notes it on itself and writes
 * nothing into the target. At the next start the target moves to today's definition, the watch
 * learns its scope, and the report that nobody received reaches the target, which records it.
 */
class SupervisionTargetUpgradeTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  ManagementService managementService;
  @Autowired
  RunningInstanceUpgrades upgrades;
  @Autowired
  WatchUpgrade watches;

  LegacyDeployments deployments;

  @AfterEach
  void removeTheTestsInstancesAndDeployments() {
    if (planId != null) {
      runtimeService.createProcessInstanceQuery().variableValueEquals("planId", planId).list()
          .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi.getId(), "upgrade test", true, true, true, false));
    }
    if (deployments != null) {
      deployments.remove();
    }
  }

  @Test
  void aTargetOfAnEarlierVersion_isMoved_andReceivesTheReportItMissed() {
    deployments = new LegacyDeployments(repositoryService, runtimeService);
    ProcessDefinition old = deployments.old("supervision-target", "processes/supervision-target.bpmn");
    clock("2026-02-10T10:00:00+08:00");
    planId = "svu-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(SupervisionTargetTest.plan(planId), "test", null);
    ProcessInstance target = runtimeService.createProcessInstanceQuery().processDefinitionKey("supervision-target")
        .processInstanceBusinessKey(planId).singleResult();
    assertThat(target.getProcessDefinitionId()).isEqualTo(old.getId());

    clock("2026-03-01T08:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(target.getId()).activityId("StartEvent_Month")
        .singleResult().getId());
    complete(task("Task_Analysis", target), withVariables("analysisText", "三月份问题排查情况分析"));
    ProcessInstance watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(target.getId()).singleResult();
    String scope = (String) runtimeService.getVariable(watch.getId(), WatchVariables.WATCHED_SCOPE);
    assertThat(scope).isEqualTo(runtimeService.getActivityInstance(target.getId()).getActivityInstances("SubProcess_MonthWork")[0].getId());
    // As a watch started before its call named the scope.
    runtimeService.removeVariable(watch.getId(), WatchVariables.WATCHED_SCOPE);

    clock("2026-03-21T00:00:30+08:00");
    runDueJobs(managementService, watch.getId());
    // The watch knows; the target, which does not listen yet, is left as it was (nothing written into it).
    assertThat(runtimeService.getVariable(watch.getId(), WatchVariables.OVERDUE)).isEqualTo(true);
    Task report = task("Task_MonthlyReport", target);
    assertThat(report.getPriority()).isEqualTo(Task.PRIORITY_NORMAL);
    assertThat(runtimeService.getVariable(report.getExecutionId(), WatchVariables.OVERDUE)).isNotEqualTo(true);

    deployments.today("supervision-target");
    upgrades.run(null);

    assertThat(deployments.definitionOf(target.getId())).isEqualTo(deployments.latest("supervision-target").getId());
    assertThat(runtimeService.getVariable(watch.getId(), WatchVariables.WATCHED_SCOPE)).isEqualTo(scope);
    BpmnAwareTests.assertThat(target).hasPassed("StartEvent_DeadlineStatus", "Task_RecordDeadlineStatus");
    assertThat(task("Task_MonthlyReport", target).getPriority()).isEqualTo(WatchVariables.OVERDUE_PRIORITY);
    assertThat(runtimeService.getVariable(report.getExecutionId(), WatchVariables.OVERDUE)).isEqualTo(true);
    // A monthly report's deadline is not the target's own: no deadlinePassed for the whole target.
    assertThat(runtimeService.getVariable(target.getId(), WatchVariables.DEADLINE_PASSED)).isNull();
    // Nothing left to do at the next start.
    assertThat(watches.giveScopes()).isZero();
    assertThat(watches.reportAgain()).isZero();

    // The moved target goes on: the late report is in, the month's feedback follows.
    complete(task("Task_MonthlyReport", target), withVariables("reportText", "三月份督战报告（补报）"));
    BpmnAwareTests.assertThat(target).isWaitingAt("Task_Feedback");
  }
}
