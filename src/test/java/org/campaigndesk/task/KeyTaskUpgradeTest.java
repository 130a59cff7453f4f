package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;

import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A database from before the review calendar: key tasks started on main's {@code key-task} (each
 * waiting on its own quarterly and half-year timers, stored here as {@code upgrade/key-task-main.bpmn})
 * by main's {@code annual-plan}, then the current definitions deployed and the upgrade run as at start-up.
 */
class KeyTaskUpgradeTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  KeyTaskUpgrade upgrade;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;

  /** The deployments this test made: main's definitions, and the current ones again on top of them. */
  final java.util.List<String> deployments = new java.util.ArrayList<>();

  /**
   * The test's instances and deployments go: later tests of the shared context start key tasks on
   * the application's own deployment again (whose embedded forms Tasklist reads from it).
   */
  @AfterEach
  void removeTheTestsDeployments() {
    if (planId != null) {
      runtimeService.createProcessInstanceQuery().variableValueEquals("planId", planId).list()
          .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi.getId(), "upgrade test", true, true, true, false));
    }
    java.util.Collections.reverse(deployments);
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
    assertThat(latest("key-task").getResourceName()).doesNotStartWith("upgrade/");
    assertThat((Object) repositoryService.getBpmnModelInstance(latest("key-task").getId()).getModelElementById("SubProcess_Reviews")).isNull();
  }

  @Test
  void runningKeyTasks_moveToTheCurrentDefinition_andTheirPlanGetsACalendar() {
    deploy("upgrade/key-task-main.bpmn", "upgrade/annual-plan-main.bpmn");
    String oldDefinition = latest("key-task").getId();
    clock("2026-03-10T10:00:00+08:00");
    planId = "up-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance one = keyTask(1);
    assertThat(one.getProcessDefinitionId()).isEqualTo(oldDefinition);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).count()).isZero();
    // Key task 1 has signed for; key task 2's March report is open (its own timer, due at once, fired).
    complete(task("Task_SignFor", one), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    ProcessInstance two = keyTask(2);
    execute(managementService.createJobQuery().processInstanceId(two.getId()).activityId("Timer_QuarterlyOpens")
        .duedateLowerThan(at("2026-03-10T10:00:01+08:00")).singleResult());
    String marchReport = task("Task_QuarterlyReport", two).getId();
    ProcessInstance oneWatch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(one.getId()).singleResult();

    deployCurrent();
    String current = latest("key-task").getId();
    KeyTaskUpgrade.Result result = upgrade.upgrade();

    assertThat(result.keptForOpenReviews()).isGreaterThanOrEqualTo(1);
    assertThat(definitionOf(one)).isEqualTo(current);
    assertThat(definitionOf(keyTask(3))).isEqualTo(current);
    assertThat(definitionOf(keyTask(4))).isEqualTo(current);
    // Key task 2 finishes its open report on its own definition first.
    assertThat(definitionOf(two)).isEqualTo(oldDefinition);
    // Where each stood, it still stands: the signed-for task at its implementation plan, its deadline watch running.
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_ImplementationPlan", "CallActivity_CompletionWatch");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(oneWatch.getId()).count()).isOne();
    assertThat(managementService.createJobQuery().processInstanceId(one.getId()).activityId("Timer_QuarterlyOpens").count()).isZero();
    assertThat(managementService.createJobQuery().processInstanceId(one.getId()).activityId("StartEvent_MonthlyReportDue").count()).isOne();

    // The plan's calendar announces what is still to come: June's report (March's opened on 6 March), the summary.
    ProcessInstance calendar = runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult();
    assertThat(calendar.getTenantId()).isEqualTo(one.getTenantId());
    Job june = managementService.createJobQuery().processInstanceId(calendar.getId()).activityId("Timer_QuarterlyOpens").singleResult();
    assertThat(june.getDuedate()).isEqualTo(at("2026-06-06T08:00:00+08:00"));
    assertThat(managementService.createJobQuery().processInstanceId(calendar.getId()).activityId("Timer_SummaryOpens").singleResult()
        .getDuedate()).isEqualTo(at("2026-06-16T08:00:00+08:00"));

    // Key task 2's report is in: the next start moves it too; no second calendar.
    complete(taskQuery().taskId(marchReport).singleResult(),
        withVariables("quarterlyProgress", "一季度完成水源工程前期工作", "nextQuarterPlan", "开工建设", "percentComplete", 20));
    KeyTaskUpgrade.Result again = upgrade.upgrade();
    assertThat(again.migrated()).isEqualTo(1);
    assertThat(again.calendarsStarted()).isZero();
    assertThat(definitionOf(two)).isEqualTo(current);

    // June: every key task of the plan gets its report from the calendar, old ones included.
    clock("2026-06-06T08:01:00+08:00");
    execute(june);
    for (int no = 1; no <= 4; no++) {
      assertThat(taskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_QuarterlyReport").list())
          .extracting(t -> t.getDueDate()).containsExactly(at("2026-06-20T23:59:59+08:00"));
    }
    // And the migrated work goes on to its end.
    complete(task("Task_ImplementationPlan", one), withVariables("planSummary", "按季度推进", "subItemsText", "测试县农业农村局｜组织培训｜2026-09-30"));
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_RequestCompletion");
    assertThat(upgrade.upgrade()).isEqualTo(new KeyTaskUpgrade.Result(0, 0, 0));
  }

  String definitionOf(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getProcessDefinitionId();
  }

  ProcessDefinition latest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().latestVersion().singleResult();
  }

  void deploy(String... resources) {
    var deployment = repositoryService.createDeployment().name("upgrade test");
    for (String resource : resources) {
      deployment.addClasspathResource(resource);
    }
    deployments.add(deployment.deploy().getId());
  }

  void deployCurrent() {
    deploy("processes/key-task.bpmn", "processes/annual-plan.bpmn");
  }
}
