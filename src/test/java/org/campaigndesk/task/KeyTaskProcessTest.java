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
import org.campaigndesk.MonthlyReports;
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
    // One record holds the facts (lists as lists); the index beside it carries what Tasklist's columns show.
    KeyTaskRecord record = record(pi);
    assertThat(record.leadUnit()).isEqualTo(new KeyTaskRecord.Ref("t-agri", "测试县农业农村局"));
    assertThat(record.leadLeaders()).containsExactly(new KeyTaskRecord.Ref("t-zhang", "张三"));
    assertThat(record.responsibleUnits()).extracting(KeyTaskRecord.Ref::name).containsExactly("测试县扶贫办", "甲镇", "乙乡");
    assertThat(record.deadline()).isEqualTo(java.time.LocalDate.parse("2026-10-30"));
    assertThat(record.fact("leadLeaderIds")).isEqualTo(java.util.List.of("t-zhang"));
    BpmnAwareTests.assertThat(pi).variables()
        .containsEntry("leadUnitName", "测试县农业农村局")
        .containsEntry("deadlineText", "2026年10月30日前")
        .doesNotContainKeys("leadUnitId", "leadLeaderIds", "leadLeaderNames", "deadline", "deadlineDate", "unitNames");

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

    // Tasks only for the units the breakdown names; 乙乡 (named nowhere) is informed without a task.
    List<Task> contributions = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list();
    assertThat(contributions).extracting(t -> taskService().getVariable(t.getId(), "contributorUnit"))
        .containsExactlyInAnyOrder("t-fpb", "t-town1");
    assertThat(taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-town2").count()).isZero();
    BpmnAwareTests.assertThat(pi).variables().containsEntry("openContributionsCount", 2)
        .containsEntry("openContributionsText", "测试县扶贫办（2026-04-30前）\n甲镇（2026-06-30前）");
    Task town1 = taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-town1").singleResult();
    assertThat(town1.getName()).isEqualTo("【一】产业扶贫成效提升工程 · 责任单位落实");
    assertThat(town1.getDueDate()).isEqualTo(at("2026-06-30T23:59:59+08:00"));
    assertThat(taskService().getVariableLocal(town1.getId(), "contributorUnitName")).isEqualTo("甲镇");
    assertThat((String) taskService().getVariableLocal(town1.getId(), "mySubItems"))
        .contains("1. 发展辣椒种植（2026-05-31前完成）").contains("2. 发展萝卜种植（2026-06-30前完成）");
    execute(managementService().createJobQuery().processInstanceId(pi.getId()).activityId("Task_InformUnits").singleResult());
    BpmnAwareTests.assertThat(pi).variables().containsEntry("informedUnitNames", "乙乡");
    assertThat(runtimeService().getVariable(pi.getId(), "informedUnitIds").toString()).isEqualTo("[\"t-town2\"]");
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
    BpmnAwareTests.assertThat(pi).variables().containsEntry("openContributionsCount", 0).containsEntry("openContributionsText", "无");
    List<Contributions.Contribution> done = Contributions.parse(runtimeService().getVariableTyped(pi.getId(), "contributions").getValue().toString());
    assertThat(done).extracting(Contributions.Contribution::unitName, Contributions.Contribution::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("测试县扶贫办", "done"), org.assertj.core.groups.Tuple.tuple("甲镇", "done"));
    assertThat(done.get(1).items()).extracting(SubItem::content).containsExactly("发展辣椒种植", "发展萝卜种植");
    assertThat(done.get(1).report()).startsWith("已完成：");
    requestCompletion(pi);
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Acceptance");
    BpmnAwareTests.assertThat(task("Task_Acceptance", pi)).hasCandidateGroup("coordinators");
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));

    // The contributions run beside the lead unit's steps (an event subprocess), so they are not in this order.
    BpmnAwareTests.assertThat(pi).hasPassed("Task_Contribution", "Task_InformUnits", "EndEvent_ContributionsDone");
    BpmnAwareTests.assertThat(pi).hasPassedInOrder("Task_SignFor", "Task_ImplementationPlan",
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

  /** Acceptance with remarks closes the key task out as a pass does; the remarks are kept. */
  @Test
  void acceptedWithRemarks_closesOut_keepingTheRemarks() {
    ProcessInstance pi = keyTask(3);
    signAndPlan(pi, "[{\"content\": \"制定方案\", \"ownerUnit\": \"t-agri\", \"dueDate\": \"2026-05-01\"}]");
    requestCompletion(pi);
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "acceptWithRemarks",
        "acceptanceRemarks", "通过；请于年底前补报巩固情况"));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassedInOrder("Task_Acceptance", "EndEvent_Accepted", "Task_CloseOut",
        "EndEvent_ClosedOut").hasNotPassed("Task_Rework");
    assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("acceptanceRemarks").singleResult().getValue()).isEqualTo("通过；请于年底前补报巩固情况");
  }

  /** The acceptance's own checks on the server: a return needs its reason, remarks need their text, a decision is one of three. */
  @Test
  void acceptance_withoutReasonOrRemarksOrDecision_isRefusedInChinese() {
    ProcessInstance pi = keyTask(3);
    signAndPlan(pi, "[{\"content\": \"制定方案\", \"ownerUnit\": \"t-agri\", \"dueDate\": \"2026-05-01\"}]");
    requestCompletion(pi);
    String acceptance = task("Task_Acceptance", pi).getId();
    assertThatThrownBy(() -> taskService().complete(acceptance, withVariables("acceptanceDecision", "return", "returnReason", " ")))
        .hasMessageContaining("验收未通过检查：退回原因：退回整改时必须写明需要整改的问题");
    assertThatThrownBy(() -> taskService().complete(acceptance, withVariables("acceptanceDecision", "acceptWithRemarks")))
        .hasMessageContaining("验收意见：选择“通过（附意见）”时必须填写意见");
    assertThatThrownBy(() -> taskService().complete(acceptance, withVariables("acceptanceDecision", "maybe")))
        .hasMessageContaining("验收结论：请选择");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Acceptance");
  }

  @Test
  void severalLeadUnits_firstOwnsTheFlowOthersContribute() {
    ProcessInstance pi = keyTask(2);
    BpmnAwareTests.assertThat(task("Task_SignFor", pi)).hasCandidateGroup("t-water");
    assertThat(taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-fpb").count()).isZero();
    assertThat(record(pi).fact("coLeadUnitNames")).isEqualTo("测试县扶贫办");

    signAndPlan(pi, "[{\"content\": \"水质检测\", \"ownerUnit\": \"t-fpb\", \"dueDate\": \"2026-05-15\"}]");
    List<Task> contributions = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list();
    // The co-lead unit is the only unit the breakdown names: the townships are informed, not tasked.
    assertThat(contributions).extracting(t -> taskService().getVariable(t.getId(), "contributorUnit")).containsExactly("t-fpb");
    assertThat(taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-fpb").singleResult().getDueDate())
        .isEqualTo(at("2026-05-15T23:59:59+08:00"));
    assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").taskCandidateGroup("t-water").count()).isZero();
    contributions.forEach(t -> complete(t, withVariables("contributionReport", "已完成本单位任务", "contributionDate", "2026-05-01")));
    BpmnAwareTests.assertThat(task("Task_RequestCompletion", pi)).hasCandidateGroup("t-water");
  }

  @Test
  void completionRequestedWithContributionsOpen_listedOpenUntilAcceptance() {
    ProcessInstance pi = keyTask(1);
    // A form's table rows name the unit as unitId; they work as the checked list does.
    signAndPlan(pi, "[{\"content\": \"发展辣椒种植\", \"unitId\": \"t-town1\", \"dueDate\": \"2026-05-31\"},"
        + "{\"content\": \"制定资金使用方案\", \"unitId\": \"t-fpb\", \"dueDate\": \"2026-04-30\"}]");
    assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list())
        .extracting(t -> taskService().getVariable(t.getId(), "contributorUnit")).containsExactlyInAnyOrder("t-fpb", "t-town1");
    complete(taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-fpb").singleResult(),
        withVariables("contributionReport", "资金方案已印发", "contributionDate", "2026-04-20"));

    // The lead unit asks for completion while 甲镇 has not answered: allowed, and 甲镇 is listed as open.
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RequestCompletion", "Task_Contribution");
    requestCompletion(pi);
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_Acceptance", "Task_Contribution");
    BpmnAwareTests.assertThat(pi).variables().containsEntry("openContributionsCount", 1)
        .containsEntry("openContributionsText", "甲镇（2026-05-31前）");
    List<Contributions.Contribution> list = Contributions.parse(runtimeService().getVariable(pi.getId(), "contributions").toString());
    assertThat(list).filteredOn(Contributions.Contribution::open).extracting(Contributions.Contribution::unitId).containsExactly("t-town1");
    assertThat(list).filteredOn(c -> !c.open()).singleElement().satisfies(c -> {
      assertThat(c.report()).isEqualTo("资金方案已印发");
      assertThat(c.submittedAt()).isNotNull();
    });

    // Returned for rework: the open contribution stays open (no new tasks), and is still listed.
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "return", "returnReason", "甲镇尚未反馈"));
    assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").count()).isEqualTo(1);
    complete(taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("t-town1").singleResult(),
        withVariables("contributionReport", "辣椒种植500亩", "contributionDate", "2026-05-20"));
    BpmnAwareTests.assertThat(pi).variables().containsEntry("openContributionsCount", 0);
    complete(task("Task_Rework", pi), withVariables("reworkDescription", "甲镇已反馈"));
    requestCompletion(pi);
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Event_ContributionsOpened", "EndEvent_ContributionsDone");
  }

  @Test
  void acceptedWithAContributionOpen_itsTaskEndsWithTheKeyTask() {
    ProcessInstance pi = keyTask(1);
    signAndPlan(pi, "[{\"content\": \"发展辣椒种植\", \"ownerUnit\": \"t-town1\", \"dueDate\": \"2026-05-31\"}]");
    requestCompletion(pi);
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));
    BpmnAwareTests.assertThat(pi).isEnded();
    assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution")
        .singleResult().getDeleteReason()).isNotEqualTo("completed");
  }

  @Test
  void noResponsibleUnits_goesStraightToCompletionRequest() {
    ProcessInstance pi = keyTask(3);
    assertThat(record(pi).contributorUnitIds()).isEmpty();
    assertThat(record(pi).deadlineWording()).isEqualTo("全年推进");
    BpmnAwareTests.assertThat(pi).variables().containsEntry("deadlineText", "全年推进（2026年12月31日前）");
    signAndPlan(pi, "[{\"content\": \"组织培训\", \"ownerUnit\": \"t-agri\", \"dueDate\": \"2026-07-01\"}]");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RequestCompletion");
    assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").count()).isZero();
    assertThat(task("Task_RequestCompletion", pi).getDueDate()).isEqualTo(at("2026-12-31T23:59:59+08:00"));
  }

  @Test
  void monthlyReports_everyMonthWhileOpen_noneAfterCloseOut() {
    ProcessInstance pi = keyTask(3);
    signAndPlan(pi, "[{\"content\": \"组织培训\", \"ownerUnit\": \"t-agri\", \"dueDate\": \"2026-07-01\"}]");
    // Assigned on 10 March, before March's report is due (the 20th): March's report opens at assignment.
    Job march = openingAtAssignment(pi);
    assertThat(march).isNotNull();
    execute(march);
    Task marchReport = task("Task_ProgressReport", pi);
    assertThat(marchReport.getName()).endsWith("（3月）");
    assertThat(marchReport.getDueDate()).isEqualTo(at("2026-03-20T23:59:59+08:00"));
    complete(marchReport, withVariables("progressThisMonth", "启动培训", "nextMonthPlan", "组织培训", "percentComplete", 10));
    Job april = monthlyOpening();
    assertThat(april.getDuedate()).isEqualTo(at("2026-04-01T08:00:00+08:00"));

    ClockUtil.setCurrentTime(at("2026-04-01T08:05:00+08:00"));
    openMonth(april);
    Task aprilReport = task("Task_ProgressReport", pi);
    BpmnAwareTests.assertThat(aprilReport).hasCandidateGroup("t-agri").hasName("【三】党建扶贫双推进提升工程 · 月度进展报告（4月）");
    assertThat(aprilReport.getDueDate()).isEqualTo(at("2026-04-20T23:59:59+08:00"));
    assertThat(taskService().getVariable(aprilReport.getId(), "reportMonthLabel")).isEqualTo("2026年4月");
    complete(aprilReport, withVariables("progressThisMonth", "完成培训两期", "nextMonthPlan", "继续培训", "percentComplete", 30));

    Job may = monthlyOpening();
    assertThat(may.getDuedate()).isEqualTo(at("2026-05-01T08:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2026-05-01T08:05:00+08:00"));
    openMonth(may);
    // May's report is left open: closing the key task must end it and the reporting cycle.
    assertThat(task("Task_ProgressReport", pi).getName()).endsWith("（5月）");
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-06-01T08:00:00+08:00"));

    requestCompletion(pi);
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));
    BpmnAwareTests.assertThat(pi).isEnded();
    assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_ProgressReport").count()).isEqualTo(3);
  }

  @Test
  void monthlyReports_followThePlanTimeZone_notTheServers() {
    // 2026-03-31 20:00 UTC is already 1 April in Shanghai (04:00): the calendar opens April's report at 08:00
    // Shanghai time (not the key task at assignment, or April's would open twice), the next is May's.
    ClockUtil.setCurrentTime(at("2026-03-31T20:00:00Z"));
    planId = planId + "-tz";
    importService.importPlan(TestPlans.plan(planId), "test", null);
    assertThat(openingAtAssignment(keyTask(1))).isNull();
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-04-01T08:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2026-04-01T08:05:00+08:00"));
    openMonth(monthlyOpening());
    assertThat(task("Task_ProgressReport", keyTask(1)).getName()).endsWith("（4月）");
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-05-01T08:00:00+08:00"));
  }

  @Test
  void monthlyReport_assignedAfterTheDueDay_firstReportNextMonth() {
    // The 21st of March: March's report would be born overdue, so the first is April's, on the 1st.
    ClockUtil.setCurrentTime(at("2026-03-21T09:00:00+08:00"));
    planId = planId + "-late";
    importService.importPlan(TestPlans.plan(planId), "test", null);
    assertThat(openingAtAssignment(keyTask(1))).isNull();
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-04-01T08:00:00+08:00"));
    // On the 20th itself the report still opens: it is due at the end of that day.
    ClockUtil.setCurrentTime(at("2026-04-20T09:00:00+08:00"));
    planId = planId + "-20";
    importService.importPlan(TestPlans.plan(planId), "test", null);
    execute(openingAtAssignment(keyTask(1)));
    assertThat(task("Task_ProgressReport", keyTask(1)).getName()).endsWith("（4月）");
    assertThat(task("Task_ProgressReport", keyTask(1)).getDueDate()).isEqualTo(at("2026-04-20T23:59:59+08:00"));
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
        .hasMessageContaining("任务分解第1行·责任单位：'t-water' 不是本项重点工作的牵头或责任单位")
        .hasMessageContaining("任务分解第2行·工作内容：不能为空")
        .hasMessageContaining("任务分解第2行·完成日期：2026-11-30 晚于本项工作的完成时限 2026-10-30");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ImplementationPlan");
  }

  Job openingAtAssignment(ProcessInstance pi) {
    return MonthlyReports.openingAtAssignment(managementService(), pi.getId());
  }

  Job monthlyOpening() {
    return MonthlyReports.calendarOpening(managementService(), runtimeService(), planId);
  }

  /** Runs the calendar's monthly opening and the opening jobs it leaves on the plan's key tasks. */
  void openMonth(Job calendarJob) {
    MonthlyReports.openMonth(managementService(), runtimeService(), planId, calendarJob);
  }

  KeyTaskRecord record(ProcessInstance pi) {
    return KeyTaskRecord.read(runtimeService().getVariable(pi.getId(), KeyTaskRecord.VARIABLE));
  }
}
