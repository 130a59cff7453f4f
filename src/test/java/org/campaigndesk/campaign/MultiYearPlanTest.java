package org.campaigndesk.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.campaigndesk.TimeTravel.clock;

import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A plan over two years: each task due in its own year, and the first year closed with its own carry-over and summary. */
class MultiYearPlanTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;

  ProcessInstance annualPlan;

  @BeforeEach
  void importTwoYearPlan() {
    clock("2026-12-07T10:00:00+08:00");
    String p = "m" + UUID.randomUUID().toString().substring(0, 6);
    planId = p + "-2026-2027";
    importService.importPlan("""
        plan:
          id: %s
          title: 两年行动计划（2026—2027年）
          years: {from: 2026, to: 2027}
        units:
          - {id: %s-agri, name: 两年县农业农村局, kind: department}
          - {id: %s-edu, name: 两年县教育局, kind: department}
        leaders: []
        tasks:
          - {no: 1, title: 产业扶贫, leadUnits: [%s-agri], deadline: 2026-12-20}
          - {no: 2, title: 教育扶贫, leadUnits: [%s-edu], year: 2027, deadline: year-round}
          - {no: 3, title: 控辍保学, leadUnits: [%s-edu], deadline: {kind: span, text: 两年内}}
        """.formatted(planId, p, p, p, p, p), "test", null);
    annualPlan = runtimeService.createProcessInstanceQuery().processDefinitionKey(AnnualPlanStarter.PROCESS_KEY)
        .processInstanceBusinessKey(planId).singleResult();
  }


  @Test
  void deadlinesFallInTheirYears_andSayWhatThePlanSays() {
    assertThat(runtimeService.getVariable(keyTask(2).getId(), KeyTaskVariables.DEADLINE_TEXT)).isEqualTo("全年推进（2027年12月31日前）");
    assertThat(runtimeService.getVariable(keyTask(3).getId(), KeyTaskVariables.DEADLINE_TEXT)).isEqualTo("两年内（2027年12月31日前）");
    assertThat(runtimeService.getVariable(keyTask(1).getId(), KeyTaskVariables.DEADLINE_TEXT)).isEqualTo("2026年12月20日前");
  }

  @Test
  void theFirstYearEnds_withItsCarryOverAndSummary_whileLaterTasksGoOn() {
    // Nothing was overdue at import (7 December, the first deadline the 20th): no notice, and no job for one.
    BpmnAwareTests.assertThat(annualPlan).isWaitingAt("Timer_EarlierYearEnd").hasPassed("EndEvent_NoneOverdueAtImport")
        .hasNotPassed("Task_NotifyOverdueAtImport");

    clock("2027-01-01T00:00:30+08:00");
    TimeTravel.runDueJobs(managementService, annualPlan.getId());
    BpmnAwareTests.assertThat(annualPlan).hasPassed("Task_RecordYearCarryOver").isWaitingAt("Task_YearSummary");
    Task summary = task("Task_YearSummary", annualPlan);
    assertThat(summary.getName()).isEqualTo("两年行动计划（2026—2027年） · 2026年工作小结");
    assertThat((String) taskService.getVariable(summary.getId(), "carriedOverKeyTasksText")).isEqualTo("【一】产业扶贫");
    assertThat((String) taskService.getVariable(summary.getId(), "keyTaskStatusText"))
        .contains("【一】产业扶贫：未完成，结转2027年").contains("【二】教育扶贫：推进中").contains("【三】控辍保学：推进中");
    assertThat(runtimeService.getVariable(keyTask(1).getId(), AnnualPlan.CARRIED_OVER)).isEqualTo(true);
    assertThat(runtimeService.getVariable(keyTask(2).getId(), AnnualPlan.CARRIED_OVER)).isNull();

    complete(summary, Variables.createVariables().putValue("annualSummary", "2026年完成情况良好，产业扶贫一项结转。")
        .putValue("nextYearFocus", "教育扶贫"));
    BpmnAwareTests.assertThat(annualPlan).hasPassed("EndEvent_EarlierYearDone", "EndEvent_EarlierYearsDone")
        .isWaitingAt("Timer_YearEnd");
  }

  @Test
  void aOneYearPlan_passesTheEarlierYearsAtOnce() {
    String oneYear = planId.replace("-2026-2027", "-2026");
    importService.importPlan("""
        plan: {id: %s, title: 一年计划, year: 2026}
        units: [{id: %s-u, name: 一年县扶贫办, kind: department}]
        tasks: [{no: 1, title: 产业扶贫, leadUnits: [%s-u], deadline: 2026-12-30}]
        """.formatted(oneYear, oneYear, oneYear), "test", null);
    ProcessInstance plan = runtimeService.createProcessInstanceQuery().processDefinitionKey(AnnualPlanStarter.PROCESS_KEY)
        .processInstanceBusinessKey(oneYear).singleResult();
    BpmnAwareTests.assertThat(plan).hasPassed("EndEvent_EarlierYearsDone").isWaitingAt("Timer_YearEnd");
  }
}
