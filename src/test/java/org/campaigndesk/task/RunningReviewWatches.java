package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.Mails;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.reminder.WatchVariables;

/**
 * Key task 1 of the test plan in its June quarterly report and key task 4 in its half-year summary,
 * each with the deadline watch that has run since the work opened, as a start-up upgrade finds them
 * (on the calendar's first definition, on main's): what they hold before the move, and what must
 * hold after it. One piece for {@link KeyTaskUpgradeTest} and {@link KeyTaskRecordUpgradeTest}.
 */
record RunningReviewWatches(ProcessInstance one, ProcessInstance four, String report, String summary,
    String reportWatch, String summaryWatch, String reportWork, String summaryWork) {

  static RunningReviewWatches before(ProcessEngine engine, ProcessInstance one, ProcessInstance four) {
    RuntimeService runtime = engine.getRuntimeService();
    return new RunningReviewWatches(one, four,
        task(engine, one, "Task_QuarterlyReport").getId(), task(engine, four, "Task_HalfYearSummary").getId(),
        watch(engine, one, "quarterly-report").getId(), watch(engine, four, "half-year-summary").getId(),
        runtime.getActivityInstance(one.getId()).getActivityInstances("SubProcess_QuarterlyReportWork")[0].getId(),
        runtime.getActivityInstance(four.getId()).getActivityInstances("SubProcess_SummaryWork")[0].getId());
  }

  /**
   * After the move: the same report and summary, due when they were; each watch is the one that ran
   * before, now in the subprocess that starts watches, with no start timer beside it; it guards the
   * same work (the same activity instance) with its due date and its next reminder's timer.
   */
  void assertKept(ProcessEngine engine) {
    RuntimeService runtime = engine.getRuntimeService();
    ManagementService management = engine.getManagementService();
    assertThat(engine.getTaskService().createTaskQuery().taskId(report).singleResult().getDueDate()).isEqualTo(at("2026-06-20T23:59:59+08:00"));
    assertThat(engine.getTaskService().createTaskQuery().taskId(summary).singleResult().getDueDate()).isEqualTo(at("2026-06-30T23:59:59+08:00"));
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_QuarterlyReport", "CallActivity_QuarterlyWatch");
    BpmnAwareTests.assertThat(four).isWaitingAt("Task_HalfYearSummary", "CallActivity_SummaryWatch");
    assertThat(watch(engine, one, "quarterly-report").getId()).isEqualTo(reportWatch);
    assertThat(watch(engine, four, "half-year-summary").getId()).isEqualTo(summaryWatch);
    assertThat(runtime.getActivityInstance(one.getId()).getActivityInstances("SubProcess_QuarterlyWatch")).hasSize(1);
    assertThat(management.createJobQuery().processInstanceId(one.getId()).activityId("Timer_QuarterlyWatchStarts").count()).isZero();
    assertThat(management.createJobQuery().processInstanceId(four.getId()).activityId("Timer_SummaryWatchStarts").count()).isZero();
    assertThat(runtime.getVariable(reportWatch, WatchVariables.WATCHED_SCOPE)).isEqualTo(reportWork);
    assertThat(runtime.getVariable(summaryWatch, WatchVariables.WATCHED_SCOPE)).isEqualTo(summaryWork);
    assertThat(runtime.getVariable(reportWatch, "dueDate")).isEqualTo(at("2026-06-20T23:59:59+08:00"));
    assertThat(runtime.getVariable(summaryWatch, "dueDate")).isEqualTo(at("2026-06-30T23:59:59+08:00"));
    assertThat(management.createJobQuery().processInstanceId(reportWatch).timers().list())
        .extracting(Job::getDuedate).containsExactly(at("2026-06-19T09:00:00+08:00"));
    assertThat(management.createJobQuery().processInstanceId(summaryWatch).timers().list())
        .extracting(Job::getDuedate).containsExactly(at("2026-06-22T09:00:00+08:00"));
  }

  /**
   * The report's watch reminds the lead unit, then reports the passed deadline to the report (raised,
   * marked overdue); the summary's watch reminds on its day; both watches end with the work handed in.
   */
  void assertRemindMarkAndEnd(ProcessEngine engine, GreenMailExtension greenMail) {
    RuntimeService runtime = engine.getRuntimeService();
    ManagementService management = engine.getManagementService();
    greenMail.reset();
    clock("2026-06-19T09:00:30+08:00");
    TimeTravel.runDueWatchJobs(management, runtime, one.getId());
    assertThat(Mails.subjects(Mails.received(greenMail))).anyMatch(s -> s.startsWith("【催办】【一】产业扶贫成效提升工程 · 季度进展报告"));
    clock("2026-06-22T09:00:30+08:00");
    TimeTravel.runDueWatchJobs(management, runtime, one.getId());
    TimeTravel.runDueWatchJobs(management, runtime, four.getId());
    assertThat(Mails.subjects(Mails.received(greenMail))).anyMatch(s -> s.startsWith("【逾期】【一】产业扶贫成效提升工程 · 季度进展报告"))
        .anyMatch(s -> s.startsWith("【催办】【四】金融扶贫风险防范工程 · 半年总结"));
    assertThat(engine.getTaskService().createTaskQuery().taskId(report).singleResult().getPriority()).isEqualTo(WatchVariables.OVERDUE_PRIORITY);
    String reportExecution = runtime.getActivityInstance(one.getId()).getActivityInstances("SubProcess_QuarterlyReportWork")[0]
        .getExecutionIds()[0];
    assertThat(runtime.getVariableLocal(reportExecution, WatchVariables.OVERDUE)).isEqualTo(true);

    complete(engine.getTaskService().createTaskQuery().taskId(report).singleResult(),
        withVariables("quarterlyProgress", "二季度完成产业项目实施", "nextQuarterPlan", "验收准备", "percentComplete", 60));
    complete(engine.getTaskService().createTaskQuery().taskId(summary).singleResult(),
        withVariables("halfYearSummary", "上半年完成贷款风险排查全部工作", "secondHalfPlan", "下半年继续监测"));
    BpmnAwareTests.assertThat(one).hasPassed("EndEvent_QuarterlySubmitted");
    BpmnAwareTests.assertThat(four).hasPassed("EndEvent_SummarySubmitted");
    assertThat(runtime.createProcessInstanceQuery().processInstanceIds(Set.of(reportWatch, summaryWatch)).count()).isZero();
  }

  /** The deadline watch of {@code kind} that {@code caller} runs. */
  static ProcessInstance watch(ProcessEngine engine, ProcessInstance caller, String kind) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(caller.getId())
        .variableValueEquals(WatchVariables.DEADLINE_KIND, kind).singleResult();
  }

  private static Task task(ProcessEngine engine, ProcessInstance pi, String taskDefinitionKey) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskDefinitionKey).singleResult();
  }
}
