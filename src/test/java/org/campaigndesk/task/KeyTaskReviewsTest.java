package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import static org.campaigndesk.TimeTravel.at;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.TimeTravel;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The half-year summary and the quarterly progress reports of the key-task process. */
class KeyTaskReviewsTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  PlanImportService importService;

  void importAt(String isoOffsetDateTime) {
    ClockUtil.setCurrentTime(at(isoOffsetDateTime));
    planId = "rv-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
  }

  Job timer(ProcessInstance pi, String activityId) {
    return managementService().createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
  }

  /** The plan's review calendar: the reviews' timers are the plan's, one per plan, not each key task's. */
  ProcessInstance calendar() {
    return runtimeService().createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult();
  }

  @Test
  void yearRoundTask_writesItsHalfYearSummary_twoWeeksBeforeTheDate() {
    importAt("2026-03-10T10:00:00+08:00");
    ProcessInstance pi = keyTask(4);
    BpmnAwareTests.assertThat(calendar()).isWaitingAt("Timer_SummaryOpens");
    assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).timers().count()).isLessThanOrEqualTo(2);
    Job opens = timer(calendar(), "Timer_SummaryOpens");
    assertThat(opens.getDuedate()).isEqualTo(at("2026-06-16T08:00:00+08:00"));

    ClockUtil.setCurrentTime(at("2026-06-16T08:01:00+08:00"));
    execute(opens);
    Task summary = task("Task_HalfYearSummary", pi);
    BpmnAwareTests.assertThat(summary).hasCandidateGroup("t-fpb").hasName("【四】金融扶贫风险防范工程 · 半年总结");
    assertThat(summary.getDueDate()).isEqualTo(at("2026-06-30T23:59:59+08:00"));
    // Its deadline's watch starts at the first reminder, 7 days before: Tuesday 23 June is a holiday in the test
    // calendar, so Monday 22 June.
    assertThat(runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .variableValueEquals("deadlineKind", "half-year-summary").count()).isZero();
    Job watchStarts = timer(pi, "Timer_SummaryWatchStarts");
    assertThat(watchStarts.getDuedate()).isEqualTo(at("2026-06-22T09:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2026-06-22T09:00:30+08:00"));
    execute(watchStarts);
    ProcessInstance watch = runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .variableValueEquals("deadlineKind", "half-year-summary").singleResult();
    assertThat(runtimeService().getVariable(watch.getId(), "watchSubject")).isEqualTo("半年总结");

    // The plan's only summary date: the calendar's half-year loop has ended.
    BpmnAwareTests.assertThat(calendar()).hasPassed("Task_OpenSummaries", "EndEvent_SummaryOpeningsDone");

    complete(summary, withVariables("halfYearSummary", "上半年完成贷款风险排查全部工作", "secondHalfPlan", "下半年继续监测"));
    BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_SummaryDone", "EndEvent_SummarySubmitted");
    assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(watch.getId()).count()).isZero();
  }

  @Test
  void taskWithoutSummary_skipsIt() {
    importAt("2026-03-10T10:00:00+08:00");
    ClockUtil.setCurrentTime(at("2026-06-16T08:01:00+08:00"));
    execute(timer(calendar(), "Timer_SummaryOpens"));
    BpmnAwareTests.assertThat(keyTask(1)).hasNotPassed("StartEvent_HalfYearSummaryDue");
    assertThat(taskQuery().processInstanceId(keyTask(1).getId()).taskDefinitionKey("Task_HalfYearSummary").count()).isZero();
    assertThat(taskQuery().processInstanceId(keyTask(4).getId()).taskDefinitionKey("Task_HalfYearSummary").count()).isOne();
  }

  @Test
  void quarterlyReports_openTwoWeeksBefore_eachWithItsDeadlineWatch() {
    importAt("2026-03-10T10:00:00+08:00");
    ProcessInstance pi = keyTask(1);
    // Key tasks started at import leave the announcement to the calendar: none opens March's report itself
    // (the month's progress report it does open itself: March's is due on the 20th, and the calendar announces from April).
    assertThat(managementService().createJobQuery().processInstanceId(pi.getId()).messages().list())
        .extracting(job -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).getJobHandlerConfigurationRaw())
        .noneMatch(configuration -> configuration.contains("|QuarterlyReportDue|"))
        .anyMatch(configuration -> configuration.contains("|MonthlyReportDue|"));
    // 20 March is ten days away: its report opens at once (the plan's timer due now); June's and September's wait.
    List<Job> due = managementService().createJobQuery().processInstanceId(calendar().getId()).activityId("Timer_QuarterlyOpens")
        .duedateLowerThan(at("2026-03-10T10:00:01+08:00")).list();
    assertThat(due).hasSize(1);
    execute(due.get(0));
    // Every key task of the plan being carried out got its report.
    for (int no = 1; no <= 4; no++) {
      assertThat(taskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_QuarterlyReport").count()).isOne();
    }
    Task march = task("Task_QuarterlyReport", pi);
    assertThat(march.getDueDate()).isEqualTo(at("2026-03-20T23:59:59+08:00"));
    assertThat(march.getName()).isEqualTo("【一】产业扶贫成效提升工程 · 季度进展报告");
    assertThat(taskService().getVariable(march.getId(), "quarterlyReportDateText")).isEqualTo("2026年3月20日");
    // The calendar waits for one date at a time: June's, then September's.
    Job june = timer(calendar(), "Timer_QuarterlyOpens");
    assertThat(june.getDuedate()).isEqualTo(at("2026-06-06T08:00:00+08:00"));
    // Its deadline's watch starts at the first reminder (Friday 13 March), not with the report.
    assertThat(runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .variableValueEquals("deadlineKind", "quarterly-report").count()).isZero();
    Job watchStarts = timer(pi, "Timer_QuarterlyWatchStarts");
    assertThat(watchStarts.getDuedate()).isEqualTo(at("2026-03-13T09:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2026-03-13T09:00:30+08:00"));
    execute(watchStarts);
    assertThat(runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .variableValueEquals("deadlineKind", "quarterly-report").singleResult()).isNotNull();

    complete(march, withVariables("quarterlyProgress", "一季度完成产业项目申报", "nextQuarterPlan", "推进项目实施", "percentComplete", 20));
    assertThat(runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .variableValueEquals("deadlineKind", "quarterly-report").count()).isZero();
    BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_QuarterlySubmitted");

    ClockUtil.setCurrentTime(at("2026-06-06T08:01:00+08:00"));
    execute(june);
    Task juneReport = task("Task_QuarterlyReport", pi);
    assertThat(juneReport.getDueDate()).isEqualTo(at("2026-06-20T23:59:59+08:00"));
    assertThat(timer(calendar(), "Timer_QuarterlyOpens").getDuedate()).isEqualTo(at("2026-09-06T08:00:00+08:00"));
  }

  @Test
  void importedMidYear_pastReviewDatesAreSkipped_notOpenedOverdue() {
    importAt("2026-07-01T10:00:00+08:00");
    ProcessInstance pi = keyTask(4);
    // Its summary (30 June) has passed: the calendar has no summary to open.
    assertThat(managementService().createJobQuery().processInstanceId(calendar().getId()).activityId("Timer_SummaryOpens").count()).isZero();
    List<Job> quarterly = managementService().createJobQuery().processInstanceId(calendar().getId()).activityId("Timer_QuarterlyOpens").list();
    assertThat(quarterly).extracting(Job::getDuedate).containsExactly(at("2026-09-06T08:00:00+08:00"));
    assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_QuarterlyReport").count()).isZero();
    BpmnAwareTests.assertThat(calendar()).hasPassed("EndEvent_SummaryOpeningsDone").hasNotPassed("Timer_SummaryOpens");
    // September's is the last date: after it the quarterly loop ends, the monthly openings go on.
    ClockUtil.setCurrentTime(at("2026-09-06T08:01:00+08:00"));
    execute(quarterly.get(0));
    assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_QuarterlyReport").singleResult().getDueDate())
        .isEqualTo(at("2026-09-20T23:59:59+08:00"));
    BpmnAwareTests.assertThat(calendar()).hasPassed("EndEvent_QuarterlyOpeningsDone").isWaitingAt("Timer_MonthlyOpens");
    assertThat(managementService().createJobQuery().processInstanceId(calendar().getId()).activityId("Timer_QuarterlyOpens").count()).isZero();
  }

  /**
   * The quarterly loop waits for one date at a time and opens the date its timer was set for, however late
   * it runs (or when its date is evaluated again): March's, run only in June after June's opening time,
   * opens March's report, then June's timer is due at once.
   */
  @Test
  void aLateOpening_opensTheDateItWasSetFor_thenTheNext() {
    importAt("2026-03-10T10:00:00+08:00");
    Job march = timer(calendar(), "Timer_QuarterlyOpens");
    assertThat(march.getDuedate()).isEqualTo(at("2026-03-10T10:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2026-06-08T09:00:00+08:00"));
    managementService().recalculateJobDuedate(march.getId(), false);
    assertThat(timer(calendar(), "Timer_QuarterlyOpens").getId()).isEqualTo(march.getId());
    execute(timer(calendar(), "Timer_QuarterlyOpens"));
    assertThat(taskQuery().processInstanceId(keyTask(1).getId()).taskDefinitionKey("Task_QuarterlyReport").list())
        .extracting(Task::getDueDate).containsExactly(at("2026-03-20T23:59:59+08:00"));
    Job june = timer(calendar(), "Timer_QuarterlyOpens");
    assertThat(june.getDuedate()).isEqualTo(at("2026-06-08T09:00:00+08:00"));
    execute(june);
    assertThat(taskQuery().processInstanceId(keyTask(1).getId()).taskDefinitionKey("Task_QuarterlyReport").list())
        .extracting(Task::getDueDate).containsExactlyInAnyOrder(at("2026-03-20T23:59:59+08:00"), at("2026-06-20T23:59:59+08:00"));
    assertThat(timer(calendar(), "Timer_QuarterlyOpens").getDuedate()).isEqualTo(at("2026-09-06T08:00:00+08:00"));
  }

  @Test
  void closingOutEndsOpenReviews() {
    importAt("2026-03-10T10:00:00+08:00");
    ProcessInstance pi = keyTask(3);
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    complete(task("Task_ImplementationPlan", pi), withVariables("planSummary", "按季度推进", "subItemsText", "t-agri｜组织培训｜2026-11-30"));
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary",
        "全年党建扶贫工作已完成", "evidenceDescription", "工作总结", "completedOn", "2026-03-10"));
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Task_CloseOut", "EndEvent_ClosedOut");
    assertThat(runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId()).count()).isZero();
    assertThat(taskQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void keyTaskAssignedAfterAnOpening_opensThatReviewItself_once() {
    ClockUtil.setCurrentTime(at("2026-03-01T10:00:00+08:00"));
    planId = "rv-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId).replace("progressReportDates:", """
          - no: 5
            title: 易地扶贫搬迁后续扶持
        progressReportDates:""".stripIndent().replace("\n  - no: 5", "\n  - no: 5")), "test", null);
    ProcessInstance five = keyTask(5);
    BpmnAwareTests.assertThat(five).isWaitingAt("Task_AssignOwner");

    // 6 March: the calendar opens March's report in the key tasks being carried out; key task 5 has no owner yet.
    ClockUtil.setCurrentTime(at("2026-03-06T08:01:00+08:00"));
    execute(timer(calendar(), "Timer_QuarterlyOpens"));
    assertThat(taskQuery().processInstanceId(keyTask(1).getId()).taskDefinitionKey("Task_QuarterlyReport").count()).isOne();
    assertThat(taskQuery().processInstanceId(five.getId()).taskDefinitionKey("Task_QuarterlyReport").count()).isZero();

    // 9 March: assigned; it opens March's report itself (the calendar has moved on to June).
    ClockUtil.setCurrentTime(at("2026-03-09T10:00:00+08:00"));
    complete(task("Task_AssignOwner", five), Variables.createVariables()
        .putValue(OwnerAssignment.LEAD_UNIT, "t-water")
        .putValueTyped(OwnerAssignment.RESPONSIBLE_UNITS, SpinValues.jsonValue("[\"t-town1\"]").create())
        .putValueTyped(OwnerAssignment.LEAD_LEADERS, SpinValues.jsonValue("[\"t-zhang\"]").create())
        .putValue(OwnerAssignment.DEADLINE_CHOICE, "2026-12-30"));
    TimeTravel.runDueJobs(managementService(), five.getId());
    BpmnAwareTests.assertThat(five).isWaitingAt("Task_SignFor");
    List<Task> reports = taskQuery().processInstanceId(five.getId()).taskDefinitionKey("Task_QuarterlyReport").list();
    assertThat(reports).extracting(Task::getDueDate).containsExactly(at("2026-03-20T23:59:59+08:00"));
    BpmnAwareTests.assertThat(reports.get(0)).hasCandidateGroup("t-water");
  }
}
