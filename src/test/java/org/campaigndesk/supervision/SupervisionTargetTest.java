package org.campaigndesk.supervision;

import org.campaigndesk.TestSmtp;
import org.campaigndesk.Mails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.Mails.subjects;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueJobs;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** One target of listed supervision through three months, one of them with a late report. */
class SupervisionTargetTest extends AbstractAppTest {

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

  static String plan(String planId) {
    return """
        plan: {id: %s, title: 测试州脱贫攻坚挂牌督战工作方案, issuer: 测试州扶贫开发领导小组, documentNo: 测贫组发〔2026〕3号, year: 2026}
        units:
          - {id: sv-squad-a, name: 甲县督战小分队, kind: other, email: squad-a@test.example.org}
          - {id: sv-fpb, name: 测试州扶贫办, kind: department}
        leaders:
          - {id: sv-yang, name: 杨一, email: sv-yang@test.example.org}
          - {id: sv-ma, name: 马二}
        tasks: []
        supervision:
          reportDay: 20
          phases:
            - {name: 组织启动, start: 2026-01-01, end: 2026-01-31}
            - name: 打歼灭战
              start: 2026-02-01
              end: 2026-06-30
              milestones:
                - {date: 2026-02-28, title: 完成甲县申请摘帽检查评估并退出}
            - {name: 巩固提升, start: 2026-07-01, end: 2026-12-31}
          targets:
            - id: jiaxian
              name: 甲县
              kind: county
              county: 甲县
              figures: {remainingPoor: 3071}
              leaders: [sv-yang]
              squadLeads: [sv-ma]
              squadUnit: sv-squad-a
        """.formatted(planId);
  }

  void completeMonth(ProcessInstance target, boolean report) {
    complete(task("Task_Analysis", target), withVariables("analysisText", "本月产业就业政策落实到户，剩余问题两项"));
    if (report) {
      complete(task("Task_MonthlyReport", target), withVariables("reportText", "本月督战走访12个村，发现问题两项，均已交办整改"));
    }
  }

  @Test
  void aTargetThroughThreeMonths_withALateReport() {
    clock("2026-01-15T10:00:00+08:00");
    String planId = "sv-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(importService.importPlan(plan(planId), "test", null).keyTasksStarted()).isZero();
    ProcessInstance target = runtimeService.createProcessInstanceQuery().processDefinitionKey("supervision-target")
        .processInstanceBusinessKey(planId).singleResult();
    assertThat(runtimeService.getVariable(target.getId(), "currentPhase")).isEqualTo("组织启动（2026年1月1日至2026年1月31日）");
    assertThat((String) runtimeService.getVariable(target.getId(), "phasesText")).contains("—— 2026年2月28日前：完成甲县申请摘帽检查评估并退出");
    assertThat(runtimeService.getVariable(target.getId(), "figuresText")).isEqualTo("剩余贫困人口（人）：3071");
    // Its leaders as a typed JSON list (the March overdue mail below reaches them through it).
    assertThat(runtimeService.getVariableTyped(target.getId(), "leadLeaderIds", false).getType())
        .isEqualTo(org.camunda.spin.plugin.variable.type.SpinValueType.JSON);
    assertThat(org.campaigndesk.kernel.JsonLists.read(runtimeService.getVariable(target.getId(), "leadLeaderIds")))
        .containsExactly("sv-yang");
    Job monthly = managementService.createJobQuery().processInstanceId(target.getId()).activityId("StartEvent_Month").singleResult();
    assertThat(monthly.getDuedate()).isEqualTo(at("2026-02-01T08:00:00+08:00"));

    // February: analysis, report by the 20th, feedback.
    clock("2026-02-01T08:00:30+08:00");
    managementService.executeJob(monthly.getId());
    assertThat(runtimeService.getVariable(target.getId(), "currentPhase")).isEqualTo("打歼灭战（2026年2月1日至2026年6月30日）");
    Task analysis = task("Task_Analysis", target);
    BpmnAwareTests.assertThat(analysis).hasCandidateGroup("sv-squad-a");
    assertThat(analysis.getName()).isEqualTo("【挂牌督战】甲县 · 2026年2月督战分析");
    completeMonth(target, true);
    Task feedback = task("Task_Feedback", target);
    BpmnAwareTests.assertThat(feedback).hasCandidateGroup("coordinators");
    assertThat(taskService.getVariable(feedback.getId(), "reportText")).isEqualTo("本月督战走访12个村，发现问题两项，均已交办整改");
    complete(feedback, withVariables("feedbackText", "督战扎实，继续推进问题整改"));

    // March: the report comes late; the watch marks it overdue and tells the squad and the leader.
    clock("2026-03-01T08:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(target.getId()).activityId("StartEvent_Month").singleResult().getId());
    complete(task("Task_Analysis", target), withVariables("analysisText", "三月份问题排查情况分析"));
    Task march = task("Task_MonthlyReport", target);
    assertThat(march.getDueDate()).isEqualTo(at("2026-03-20T23:59:59+08:00"));
    ProcessInstance watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(target.getId()).singleResult();
    greenMail.reset();
    clock("2026-03-21T00:00:30+08:00");
    runDueJobs(managementService, watch.getId());
    assertThat(task("Task_MonthlyReport", target).getPriority()).isEqualTo(80);
    // The watch reports by message; the target records it in the month's work itself (SubProcess_DeadlineStatus).
    BpmnAwareTests.assertThat(target).hasPassed("StartEvent_DeadlineStatus", "Task_RecordDeadlineStatus", "EndEvent_DeadlineStatusRecorded");
    assertThat(runtimeService.getVariable(target.getId(), "deadlinePassed")).isNull();
    assertThat(subjects(Mails.received(greenMail))).contains("【逾期】【挂牌督战】甲县 · 2026年3月督战报告已逾期1天");
    assertThat(Mails.recipients(Mails.received(greenMail))).contains("sv-yang@test.example.org");
    complete(task("Task_MonthlyReport", target), withVariables("reportText", "三月份督战报告（补报），问题已全部交办"));
    complete(task("Task_Feedback", target), withVariables("feedbackText", "报告迟报，已提醒按时报送"));

    // April, on time again.
    clock("2026-04-01T08:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(target.getId()).activityId("StartEvent_Month").singleResult().getId());
    completeMonth(target, true);
    complete(task("Task_Feedback", target), withVariables("feedbackText", "按时报送，督战有力"));
    assertThat(processEngine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(target.getId())
        .taskDefinitionKey("Task_MonthlyReport").finished().count()).isEqualTo(3);
    BpmnAwareTests.assertThat(target).isActive().hasPassed("Task_Analysis", "Task_MonthlyReport", "EndEvent_Reported",
        "Task_Feedback", "EndEvent_MonthDone").isWaitingAt("Timer_SupervisionEnds");

    // The supervision ends with its last phase.
    clock("2027-01-01T00:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(target.getId()).activityId("Timer_SupervisionEnds").singleResult().getId());
    BpmnAwareTests.assertThat(target).isEnded().hasPassed("EndEvent_SupervisionOver");
  }
}
