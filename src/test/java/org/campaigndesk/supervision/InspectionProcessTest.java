package org.campaigndesk.supervision;

import org.campaigndesk.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.campaigndesk.Mails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import static org.campaigndesk.Mails.subjects;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.runDueJobs;

import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Monthly inspection with its problem list, and each problem's rectification, on every path. */
class InspectionProcessTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;


  /** Imports on 10 March and lets April's inspection begin. */
  ProcessInstance aprilInspection() {
    ClockUtil.setCurrentTime(at("2026-03-10T10:00:00+08:00"));
    planId = "i-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance plan = runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan")
        .processInstanceBusinessKey(planId).singleResult();
    Job monthly = managementService.createJobQuery().processInstanceId(plan.getId()).activityId("StartEvent_InspectionMonth").singleResult();
    assertThat(monthly.getDuedate()).isEqualTo(at("2026-04-01T09:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2026-04-01T09:00:30+08:00"));
    managementService.executeJob(monthly.getId());
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("inspection").processInstanceBusinessKey(planId).singleResult();
  }

  ProcessInstance rectificationOf(ProcessInstance inspection, String unit) {
    return runtimeService.createProcessInstanceQuery().superProcessInstanceId(inspection.getId())
        .variableValueEquals("leadUnitId", unit).singleResult();
  }

  @Test
  void problemList_startsOneRectificationPerProblem_rejectedOnceThenClosedOut() throws Exception {
    ProcessInstance inspection = aprilInspection();
    Task inspect = task("Task_Inspect", inspection);
    assertThat(inspect.getName()).isEqualTo("【2026年4月】督查检查");
    BpmnAwareTests.assertThat(inspect).hasCandidateGroup("inspection-team");
    assertThat(inspect.getDueDate()).isEqualTo(at("2026-04-30T23:59:59+08:00"));

    assertThatThrownBy(() -> taskService.complete(inspect.getId(), withVariables("inspectionSummary", "走访两个乡镇",
        "problemsText", "档案不全｜丙镇｜2026-04-30")))
        .hasMessageContaining("问题清单第1行·责任单位：'丙镇' 不是本计划的单位");
    complete(inspect, withVariables("inspectionSummary", "走访两个乡镇，查阅档案",
        "problemsText", "危房改造档案不全｜甲镇｜2026-04-30｜1\n饮水工程水质检测未开展｜测试县水务局｜2026-05-15"));

    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(inspection.getId()).count()).isEqualTo(2);
    ProcessInstance town = rectificationOf(inspection, "t-town1");
    Task rectify = task("Task_Rectify", town);
    BpmnAwareTests.assertThat(rectify).hasCandidateGroup("t-town1");
    assertThat(rectify.getName()).isEqualTo("【整改】危房改造档案不全 · 整改");
    assertThat(rectify.getDueDate()).isEqualTo(at("2026-04-30T23:59:59+08:00"));
    assertThat(taskService.getVariable(rectify.getId(), "keyTaskLabel")).isEqualTo("【一】产业扶贫成效提升工程");

    // Each unit hears of its problem, with a link to its own rectification task.
    MimeMessage[] handedOver = Mails.received(greenMail);
    assertThat(subjects(handedOver)).containsExactlyInAnyOrder("【整改任务】【整改】危房改造档案不全 · 整改",
        "【整改任务】【整改】饮水工程水质检测未开展 · 整改");
    MimeMessage toTown = java.util.Arrays.stream(handedOver).filter(m -> Mails.recipients(new MimeMessage[] {m}).get(0)
        .equals("t-town1@test.example.org")).findFirst().orElseThrow();
    assertThat(Mails.plainText(toTown)).contains("问题：危房改造档案不全").contains("2026年4月30日").contains("/go/task/" + rectify.getId());

    complete(rectify, withVariables("rectificationReport", "已补建档案，正在整理"));
    complete(task("Task_Verify", town), withVariables("verifyDecision", "return", "verifyComment", "档案仍缺户主签字"));
    BpmnAwareTests.assertThat(town).isWaitingAt("Task_Rectify");
    // Returned: the unit is told why, with a link to the new task.
    MimeMessage[] afterReturn = Mails.received(greenMail);
    assertThat(subjects(afterReturn)).hasSize(3).contains("【整改退回】【整改】危房改造档案不全 · 整改");
    MimeMessage returned = Arrays.stream(afterReturn).filter(m -> subjects(new MimeMessage[] {m}).get(0).startsWith("【整改退回】"))
        .findFirst().orElseThrow();
    assertThat(Mails.plainText(returned)).contains("退回原因：档案仍缺户主签字").contains("/go/task/" + task("Task_Rectify", town).getId());
    assertThat(taskService.getVariable(task("Task_Rectify", town).getId(), "verifyComment")).isEqualTo("档案仍缺户主签字");
    complete(task("Task_Rectify", town), withVariables("rectificationReport", "已补齐户主签字，档案完整"));
    // The second verification starts without the first one's comment.
    assertThat(taskService.getVariable(task("Task_Verify", town).getId(), "verifyComment")).isNull();
    complete(task("Task_Verify", town), withVariables("verifyDecision", "accept", "verifyComment", "同意"));
    BpmnAwareTests.assertThat(town).isEnded().hasPassed("EndEvent_Verified", "Task_CloseOutProblem", "EndEvent_ProblemClosed");
    assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(town.getId())
        .activityId("Task_Rectify").count()).isEqualTo(2);

    ProcessInstance water = rectificationOf(inspection, "t-water");
    complete(task("Task_Rectify", water), withVariables("rectificationReport", "已委托第三方完成水质检测"));
    complete(task("Task_Verify", water), withVariables("verifyDecision", "accept", "verifyComment", "同意"));
    BpmnAwareTests.assertThat(inspection).isEnded().hasPassed("EndEvent_AllRectified");
  }

  @Test
  void noProblemsFound_endsTheInspection() {
    ProcessInstance inspection = aprilInspection();
    complete(task("Task_Inspect", inspection), withVariables("inspectionSummary", "本月督查未发现问题", "problemsText", ""));
    BpmnAwareTests.assertThat(inspection).isEnded();
  }

  @Test
  void overdueRectification_reachesTheInterview() {
    ProcessInstance inspection = aprilInspection();
    complete(task("Task_Inspect", inspection), withVariables("inspectionSummary", "走访",
        "problemsText", "饮水工程水质检测未开展｜t-water｜2026-04-30"));
    ProcessInstance water = rectificationOf(inspection, "t-water");
    ProcessInstance watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(water.getId()).singleResult();

    ClockUtil.setCurrentTime(at("2026-05-01T00:00:30+08:00"));
    runDueJobs(managementService, watch.getId());
    assertThat(task("Task_Rectify", water).getPriority()).isEqualTo(80);
    // The watch reports by message; the rectification records it itself (SubProcess_DeadlineStatus).
    BpmnAwareTests.assertThat(water).hasPassed("StartEvent_DeadlineStatus", "Task_RecordDeadlineStatus", "EndEvent_DeadlineStatusRecorded");
    assertThat(runtimeService.getVariable(water.getId(), "deadlinePassed")).isEqualTo(true);
    assertThat(runtimeService.getVariable(watch.getId(), "overdue")).isEqualTo(true);
    // Five working days after Thursday 30 April: 1 May is a Friday, so Thursday 7 May.
    ClockUtil.setCurrentTime(at("2026-05-07T09:00:30+08:00"));
    runDueJobs(managementService, watch.getId());
    Task interview = taskService.createTaskQuery().processDefinitionKey("escalation").processInstanceBusinessKey(planId).singleResult();
    assertThat(interview.getName()).isEqualTo("【整改】饮水工程水质检测未开展 · 约谈");
    BpmnAwareTests.assertThat(interview).hasCandidateGroup("discipline-commission");
    assertThat(subjects(Mails.received(greenMail))).contains("【逾期】【整改】饮水工程水质检测未开展 · 问题整改已逾期1天");
  }
}
