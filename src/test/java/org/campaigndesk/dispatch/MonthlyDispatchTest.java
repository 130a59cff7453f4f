package org.campaigndesk.dispatch;

import java.util.Arrays;

import jakarta.mail.internet.MimeMessage;

import org.campaigndesk.TestSmtp;
import org.campaigndesk.Mails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.Mails.recipients;
import static org.campaigndesk.Mails.subjects;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueJobs;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.plan.PlanFacts;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import org.campaigndesk.kernel.Json;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** A month of dispatch: agendas with mixed statuses, instructions reaching the lead units. */
class MonthlyDispatchTest extends AbstractAppTest {

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
  @Autowired
  Dispatch dispatches;
  @Autowired
  TestRestTemplate rest;

  ProcessInstance annualPlan() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan").processInstanceBusinessKey(planId).singleResult();
  }

  Job annualTimer(String activityId) {
    return managementService.createJobQuery().processInstanceId(annualPlan().getId()).activityId(activityId).singleResult();
  }

  @Test
  void aMonthOfDispatch_withMixedStatuses() throws Exception {
    clock("2026-03-10T10:00:00+08:00");
    planId = "d-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId).replace("progressReportDates:", """
          - no: 5
            title: 消费扶贫成效提升工程
            leadLeaders: [t-zhang]
            leadUnits: [t-water]
            deadline: 2026-07-05
        progressReportDates:"""), "test", null);
    assertThat(annualTimer("StartEvent_DispatchMonth").getDuedate()).isEqualTo(at("2026-04-01T09:00:00+08:00"));

    // June: key task 1 reports its progress; key task 2 does not; an inspection finds a problem on key task 2.
    clock("2026-06-01T08:30:00+08:00");
    MonthlyReports.openMonth(managementService, runtimeService, planId);
    complete(task("Task_ProgressReport", keyTask(1)), withVariables("progressThisMonth", "完成产业项目申报",
        "nextMonthPlan", "组织实施", "percentComplete", 40));
    managementService.executeJob(annualTimer("StartEvent_InspectionMonth").getId());
    ProcessInstance inspection = runtimeService.createProcessInstanceQuery().processDefinitionKey("inspection")
        .processInstanceBusinessKey(planId).singleResult();
    complete(task("Task_Inspect", inspection), withVariables("inspectionSummary", "抽查饮水工程",
        "problemsText", "水质检测未开展｜t-water｜2026-07-31｜2"));

    // 1 July: the dispatch; every lead leader gets his meeting with his own agenda.
    clock("2026-07-01T09:00:30+08:00");
    managementService.executeJob(annualTimer("StartEvent_DispatchMonth").getId());
    ProcessInstance dispatch = runtimeService.createProcessInstanceQuery().processDefinitionKey("monthly-dispatch")
        .processInstanceBusinessKey(planId).singleResult();
    List<Task> meetings = taskService.createTaskQuery().processInstanceId(dispatch.getId()).taskDefinitionKey("Task_DispatchMeeting").list();
    assertThat(meetings).extracting(Task::getAssignee).containsExactlyInAnyOrder("t-zhang", "t-li");
    Task zhang = meetings.stream().filter(t -> t.getAssignee().equals("t-zhang")).findFirst().orElseThrow();
    assertThat(zhang.getName()).isEqualTo("【2026年7月】调度会 · 张三");
    String agenda = (String) taskService.getVariable(zhang.getId(), "agendaText");
    assertThat(agenda.indexOf("🔴 逾期  【二】饮水安全保障工程")).isZero();
    assertThat(agenda).contains("⚠ 未报送2026年6月进展报告").contains("未销号问题：1项：水质检测未开展")
        .contains("🟡 7天内到期  【五】消费扶贫成效提升工程")
        .contains("🟢 正常推进  【一】产业扶贫成效提升工程").contains("完成产业项目申报（总体完成40%）");
    assertThat(agenda.indexOf("🟡")).isLessThan(agenda.indexOf("🟢"));
    // The dispatch's job made every meeting's agenda from one read of the plan's key tasks: within one
    // transaction the reads are made once, a later transaction reads anew (and finds the same).
    PlanFacts plan = PlanFacts.read(runtimeService.getVariable(annualPlan().getId(), PlanFacts.VARIABLE));
    CommandExecutor commands = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    Dispatch.AgendaReads[] oneTransaction = commands.execute(c -> new Dispatch.AgendaReads[] {
        dispatches.agendaReads(plan, "2026-06"), dispatches.agendaReads(plan, "2026-06")});
    assertThat(oneTransaction[1]).isSameAs(oneTransaction[0]);
    Dispatch.AgendaReads later = commands.execute(c -> dispatches.agendaReads(plan, "2026-06"));
    assertThat(later).isNotSameAs(oneTransaction[0]);
    assertThat(later.lastReports()).isEqualTo(oneTransaction[0].lastReports())
        .containsExactly(java.util.Map.entry(keyTask(1).getId(), "完成产业项目申报（总体完成40%）"));
    assertThat(later.problems()).isEqualTo(java.util.Map.of(2, List.of("水质检测未开展")));
    assertThat(later.instances()).containsKeys(1, 2, 5);

    assertThatThrownBy(() -> taskService.complete(zhang.getId(), withVariables("instructionsText", "3｜不是张三牵头的工作")))
        .hasMessageContaining("调度意见第1行：'3' 不是本人牵头的重点工作编号");
    complete(zhang, withVariables("instructionsText", "2｜加快水质检测，7月15日前完成\n1｜按计划推进"));
    runDueJobs(managementService, dispatch.getId());
    // Besides June's rectification (mailed to 水务局 when the inspection handed it over), the two instructions.
    assertThat(subjects(Mails.received(greenMail))).containsExactlyInAnyOrder("【整改任务】【整改】水质检测未开展 · 整改",
        "【调度意见】【二】饮水安全保障工程", "【调度意见】【一】产业扶贫成效提升工程");
    assertThat(recipients(Mails.received(greenMail))).containsExactlyInAnyOrder("t-water@test.example.org",
        "t-water@test.example.org", "t-agri@test.example.org");
    Task followUp = taskService.createTaskQuery().processInstanceId(dispatch.getId()).taskCandidateGroup("t-water").singleResult();
    assertThat(followUp.getName()).isEqualTo("【二】饮水安全保障工程 · 落实调度意见（张三）");
    assertThat(taskService.getVariable(followUp.getId(), "instructionText")).isEqualTo("加快水质检测，7月15日前完成");
    // The dispatch keeps the instruction; the key task's history reads it there, nothing is written into the key task.
    assertThat(dispatches.given(planId, 2)).extracting(Dispatch.Given::line).containsExactly("2026年7月 张三：加快水质检测，7月15日前完成");
    assertThat(runtimeService.getVariable(keyTask(2).getId(), "dispatchInstructions")).isNull();
    JsonNode detail = Json.MAPPER.readTree(rest.withBasicAuth("admin", "test-admin")
        .getForEntity("/api/ledger/" + keyTask(2).getId(), String.class).getBody());
    assertThat(detail.path("recorded")).anySatisfy(r -> {
      assertThat(r.path("name").asText()).isEqualTo("调度意见");
      assertThat(r.path("value").asText()).isEqualTo("2026年7月 张三：加快水质检测，7月15日前完成");
    });
    assertThat(Mails.plainText(Arrays.stream(Mails.received(greenMail)).filter(m -> subjects(new MimeMessage[] {m}).get(0).contains("饮水"))
        .findFirst().orElseThrow())).contains("/go/task/" + followUp.getId());
    // The unit answers: the leader who gave the instruction hears of it, with the answer.
    complete(followUp, withVariables("instructionFeedback", "水质检测已于7月10日完成，报告已归档"));
    MimeMessage answered = Arrays.stream(Mails.received(greenMail)).filter(m -> subjects(new MimeMessage[] {m}).get(0).startsWith("【调度意见已反馈】"))
        .findFirst().orElseThrow();
    assertThat(answered.getSubject()).isEqualTo("【调度意见已反馈】【二】饮水安全保障工程 · 测试县水务局");
    assertThat(recipients(new MimeMessage[] {answered})).containsExactly("t-zhang@test.example.org");
    assertThat(Mails.plainText(answered)).contains("水质检测已于7月10日完成，报告已归档").contains("加快水质检测，7月15日前完成")
        .contains("/go/task/" + followUp.getId());

    Task li = meetings.stream().filter(t -> t.getAssignee().equals("t-li")).findFirst().orElseThrow();
    complete(li, withVariables("instructionsText", ""));
    taskService.createTaskQuery().processInstanceId(dispatch.getId()).taskDefinitionKey("Task_FollowInstruction").list()
        .forEach(t -> complete(t, withVariables("instructionFeedback", "已按调度意见部署落实")));
    BpmnAwareTests.assertThat(dispatch).isEnded().hasPassed("Task_SendInstruction", "EndEvent_InstructionFollowed", "EndEvent_DispatchDone");
    assertThat(annualTimer("StartEvent_DispatchMonth").getDuedate()).isEqualTo(at("2026-08-01T09:00:00+08:00"));
  }
}
