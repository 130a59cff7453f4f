package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import static org.campaigndesk.TimeTravel.at;

import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of the key-task process, on plans imported the way a coordinator imports them. */
class KeyTaskProcessTest extends AbstractAppTest {

  /** 2026-03-10 10:00 in Shanghai: a plan issued in March, as the seeds are. */
  static final OffsetDateTime MARCH_10 = OffsetDateTime.parse("2026-03-10T10:00:00+08:00");

  @Autowired
  PlanImportService importService;

  @BeforeEach
  void importPlan() {
    ClockUtil.setCurrentTime(Date.from(MARCH_10.toInstant()));
    planId = "t-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
  }

  void signAndPlan(ProcessInstance pi, String subItemsJson) {
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    complete(task("Task_ImplementationPlan", pi), Variables.createVariables()
        .putValue("planSummary", "分三个阶段推进产业扶贫工作")
        .putValueTyped("subItems", SpinValues.jsonValue(subItemsJson).create()));
  }

  void requestCompletion(ProcessInstance pi) {
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary", "全部完成年度产业扶贫任务",
        "evidenceDescription", "验收报告存于县农业农村局档案室", "completedOn", "2026-10-20"));
  }

  @Test
  void happyPath_fromAssignmentToCloseOut() {
    ProcessInstance pi = keyTask(1);
    BpmnAwareTests.assertThat(pi).isStarted().isWaitingAt("Task_SignFor");
    Task signFor = task("Task_SignFor", pi);
    BpmnAwareTests.assertThat(signFor).hasCandidateGroup("t-agri").hasName("【一】产业扶贫成效提升工程 · 签收");
    assertThat(signFor.getDueDate()).isEqualTo(at("2026-03-13T23:59:59+08:00"));
    BpmnAwareTests.assertThat(pi).variables()
        .containsEntry("leadUnitName", "测试县农业农村局")
        .containsEntry("leadLeaderNames", "张三")
        .containsEntry("responsibleUnitNames", "测试县扶贫办、甲镇、乙乡")
        .containsEntry("deadlineText", "2026年10月30日前");

    complete(signFor, withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ImplementationPlan");
    BpmnAwareTests.assertThat(task("Task_ImplementationPlan", pi)).hasCandidateGroup("t-agri");
    assertThat(task("Task_ImplementationPlan", pi).getDueDate()).isEqualTo(at("2026-03-20T23:59:59+08:00"));
    // As Tasklist submits it: one line per item, units by name.
    complete(task("Task_ImplementationPlan", pi), withVariables(
        "planSummary", "分三个阶段推进产业扶贫工作",
        "subItemsText", """
            测试县扶贫办｜制定资金使用方案｜2026-04-30
            甲镇｜发展辣椒种植｜2026-05-31
            t-town1 | 发展萝卜种植 | 2026-06-30
            """));

    List<Task> contributions = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list();
    assertThat(contributions).hasSize(3);
    Task town1 = taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-town1").singleResult();
    assertThat(town1.getName()).isEqualTo("【一】产业扶贫成效提升工程 · 责任单位落实");
    assertThat(town1.getDueDate()).isEqualTo(at("2026-06-30T23:59:59+08:00"));
    assertThat(taskService().getVariableLocal(town1.getId(), "contributorUnitName")).isEqualTo("甲镇");
    assertThat((String) taskService().getVariableLocal(town1.getId(), "mySubItems"))
        .contains("1. 发展辣椒种植（2026-05-31前完成）").contains("2. 发展萝卜种植（2026-06-30前完成）");
    Task town2 = taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-town2").singleResult();
    assertThat(town2.getDueDate()).isEqualTo(at("2026-10-30T23:59:59+08:00"));
    for (Task contribution : contributions) {
      complete(contribution, withVariables("contributionReport", "已完成：" + contribution.getId(), "contributionDate", "2026-06-01"));
    }
    // Each unit's report stays with its own task: parallel units do not overwrite each other.
    for (Task contribution : contributions) {
      assertThat(historyService().createHistoricVariableInstanceQuery().taskIdIn(contribution.getId())
          .variableName("contributionReport").singleResult().getValue()).isEqualTo("已完成：" + contribution.getId());
    }

    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RequestCompletion");
    assertThat(task("Task_RequestCompletion", pi).getDueDate()).isEqualTo(at("2026-10-30T23:59:59+08:00"));
    requestCompletion(pi);
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Acceptance");
    BpmnAwareTests.assertThat(task("Task_Acceptance", pi)).hasCandidateGroup("coordinators");
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));

    BpmnAwareTests.assertThat(pi).hasPassedInOrder("Task_SignFor", "Task_ImplementationPlan", "Task_Contribution",
        "Task_RequestCompletion", "Task_Acceptance", "EndEvent_Accepted", "Task_CloseOut", "EndEvent_ClosedOut");
    BpmnAwareTests.assertThat(pi).isEnded().hasNotPassed("Task_Rework");
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("closedOutAt").singleResult().getValue()).isEqualTo(ClockUtil.getCurrentTime());
  }

  @Test
  void reworkLoop_returnedWithReasonThenAccepted() {
    ProcessInstance pi = keyTask(3);
    signAndPlan(pi, "[{\"content\": \"制定方案\", \"ownerUnit\": \"t-agri\", \"dueDate\": \"2026-05-01\"}]");
    requestCompletion(pi);
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "return", "returnReason", "佐证材料不全"));

    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Rework");
    BpmnAwareTests.assertThat(task("Task_Rework", pi)).hasCandidateGroup("t-agri").hasName("【三】党建扶贫双推进提升工程 · 整改");
    assertThat(taskService().getVariable(task("Task_Rework", pi).getId(), "returnReason")).isEqualTo("佐证材料不全");
    complete(task("Task_Rework", pi), withVariables("reworkDescription", "已补齐全部佐证材料"));

    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RequestCompletion");
    requestCompletion(pi);
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept", "returnReason", ""));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Task_Rework", "Task_CloseOut");
    assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_Acceptance").count()).isEqualTo(2);
  }

  @Test
  void severalLeadUnits_firstOwnsTheFlowOthersContribute() {
    ProcessInstance pi = keyTask(2);
    BpmnAwareTests.assertThat(task("Task_SignFor", pi)).hasCandidateGroup("t-water");
    assertThat(taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-fpb").count()).isZero();
    BpmnAwareTests.assertThat(pi).variables().containsEntry("coLeadUnitNames", "测试县扶贫办");

    signAndPlan(pi, "[{\"content\": \"水质检测\", \"ownerUnit\": \"t-fpb\", \"dueDate\": \"2026-05-15\"}]");
    List<Task> contributions = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list();
    assertThat(contributions).extracting(t -> taskService().getVariable(t.getId(), "contributorUnit"))
        .containsExactlyInAnyOrder("t-fpb", "t-town1", "t-town2");
    assertThat(taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-fpb").singleResult().getDueDate())
        .isEqualTo(at("2026-05-15T23:59:59+08:00"));
    assertThat(taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-water").count()).isZero();
    contributions.forEach(t -> complete(t, withVariables("contributionReport", "已完成本单位任务", "contributionDate", "2026-05-01")));
    BpmnAwareTests.assertThat(task("Task_RequestCompletion", pi)).hasCandidateGroup("t-water");
  }

  @Test
  void noResponsibleUnits_goesStraightToCompletionRequest() {
    ProcessInstance pi = keyTask(3);
    BpmnAwareTests.assertThat(pi).variables().containsEntry("contributorUnitIds", "").containsEntry("deadlineText", "全年推进（2026年12月31日前）");
    signAndPlan(pi, "[{\"content\": \"组织培训\", \"ownerUnit\": \"t-agri\", \"dueDate\": \"2026-07-01\"}]");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RequestCompletion");
    assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").count()).isZero();
    assertThat(task("Task_RequestCompletion", pi).getDueDate()).isEqualTo(at("2026-12-31T23:59:59+08:00"));
  }

  @Test
  void monthlyReports_everyMonthWhileOpen_noneAfterCloseOut() {
    ProcessInstance pi = keyTask(3);
    signAndPlan(pi, "[{\"content\": \"组织培训\", \"ownerUnit\": \"t-agri\", \"dueDate\": \"2026-07-01\"}]");
    Job april = monthlyTimer(pi);
    assertThat(april.getDuedate()).isEqualTo(at("2026-04-01T08:00:00+08:00"));

    ClockUtil.setCurrentTime(at("2026-04-01T08:05:00+08:00"));
    execute(april);
    Task aprilReport = task("Task_ProgressReport", pi);
    BpmnAwareTests.assertThat(aprilReport).hasCandidateGroup("t-agri").hasName("【三】党建扶贫双推进提升工程 · 月度进展报告（4月）");
    assertThat(aprilReport.getDueDate()).isEqualTo(at("2026-04-20T23:59:59+08:00"));
    assertThat(taskService().getVariable(aprilReport.getId(), "reportMonthLabel")).isEqualTo("2026年4月");
    complete(aprilReport, withVariables("progressThisMonth", "完成培训两期", "nextMonthPlan", "继续培训", "percentComplete", 30));

    Job may = monthlyTimer(pi);
    assertThat(may.getDuedate()).isEqualTo(at("2026-05-01T08:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2026-05-01T08:05:00+08:00"));
    execute(may);
    // May's report is left open: closing the key task must end it and the reporting cycle.
    assertThat(task("Task_ProgressReport", pi).getName()).endsWith("（5月）");
    assertThat(monthlyTimer(pi).getDuedate()).isEqualTo(at("2026-06-01T08:00:00+08:00"));

    requestCompletion(pi);
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));
    BpmnAwareTests.assertThat(pi).isEnded();
    assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_ProgressReport").count()).isEqualTo(2);
  }

  @Test
  void monthlyReports_followThePlanTimeZone_notTheServers() {
    // 2026-03-31 20:00 UTC is already 1 April in Shanghai: the first report is May's.
    ClockUtil.setCurrentTime(at("2026-03-31T20:00:00Z"));
    planId = planId + "-tz";
    importService.importPlan(TestPlans.plan(planId), "test", null);
    assertThat(monthlyTimer(keyTask(1)).getDuedate()).isEqualTo(at("2026-05-01T08:00:00+08:00"));
  }

  @Test
  void implementationPlan_withBadBreakdown_isRefusedWithTheProblems() {
    ProcessInstance pi = keyTask(1);
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    Task plan = task("Task_ImplementationPlan", pi);
    assertThatThrownBy(() -> taskService().complete(plan.getId(), Variables.createVariables()
        .putValue("planSummary", "方案")
        .putValueTyped("subItems", SpinValues.jsonValue("""
            [{"content": "修路", "ownerUnit": "t-water", "dueDate": "2026-05-01"},
             {"content": "", "ownerUnit": "t-fpb", "dueDate": "2026-11-30"}]""").create())))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("任务分解第1项·责任单位：'t-water' 不是本项重点工作的牵头或责任单位")
        .hasMessageContaining("任务分解第2项·工作内容：不能为空")
        .hasMessageContaining("任务分解第2项·完成日期：2026-11-30 晚于本项工作的完成时限 2026-10-30");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ImplementationPlan");
  }

  Job monthlyTimer(ProcessInstance pi) {
    return managementService().createJobQuery().processInstanceId(pi.getId())
        .activityId("StartEvent_MonthlyReportDue").singleResult();
  }
}
