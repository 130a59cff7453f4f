package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.campaigndesk.TimeTravel.at;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A plan imported before its span (next year's plan, imported in the autumn or December): no report
 * of it opens before its first month, and its calendar opens that month's on its first. The calendar's
 * monthly opening opens the month its timer was set for, whenever its job runs (late, or moved to
 * now as the province benchmark does); a calendar whose timer an earlier version set opens today's
 * month, as it did.
 */
class PlanAheadReportsTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;

  /** Imports the test plan (year 2026) at the given moment. */
  void importAt(String isoOffsetDateTime) {
    ClockUtil.setCurrentTime(at(isoOffsetDateTime));
    planId = "ahead-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
  }

  ProcessInstance calendar() {
    return runtimeService().createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult();
  }

  Job monthlyOpening() {
    return MonthlyReports.calendarOpening(managementService(), runtimeService(), planId);
  }

  /** Every opening job a key task holds (its own after assignment, or the calendar's left on it), by message. */
  List<String> openingJobs(ProcessInstance keyTask) {
    return managementService().createJobQuery().processInstanceId(keyTask.getId()).list().stream()
        .map(job -> String.valueOf(((JobEntity) job).getJobHandlerConfigurationRaw()))
        .filter(configuration -> configuration.contains("ReportDue|") || configuration.contains("SummaryDue|")).toList();
  }

  /** The names of the key task's monthly reports, oldest first. */
  List<String> reports(ProcessInstance keyTask) {
    return taskQuery().processInstanceId(keyTask.getId()).taskDefinitionKey("Task_ProgressReport").orderByTaskCreateTime().asc()
        .list().stream().map(Task::getName).toList();
  }

  List<Task> allReports() {
    return taskQuery().processInstanceBusinessKeyLike(planId + "%").taskDefinitionKey("Task_ProgressReport").list();
  }

  @Test
  void nextYearsPlan_importedInDecember_opensNothingAtAssignment_andItsCalendarOpensJanuaryOnTheFirst() {
    // 10 December 2025, the 2026 plan: December's report is not the plan's, nor is a quarterly report or summary.
    importAt("2025-12-10T10:00:00+08:00");
    for (int no = 1; no <= 4; no++) {
      BpmnAwareTests.assertThat(keyTask(no)).isActive();
      assertThat(openingJobs(keyTask(no))).as("key task %d", no).isEmpty();
      assertThat(reports(keyTask(no))).isEmpty();
      assertThat(taskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_QuarterlyReport").count()).isZero();
      assertThat(taskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_HalfYearSummary").count()).isZero();
    }
    // The calendar: January's reports on 1 January 08:00, the first quarterly report two weeks before 20 March.
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-01-01T08:00:00+08:00"));
    assertThat(runtimeService().getVariable(calendar().getId(), ReviewCalendar.MONTH_AHEAD)).isEqualTo("2026-01");
    assertThat(managementService().createJobQuery().processInstanceId(calendar().getId()).activityId("Timer_QuarterlyOpens")
        .singleResult().getDuedate()).isEqualTo(at("2026-03-06T08:00:00+08:00"));
    assertThat(managementService().createJobQuery().processInstanceId(calendar().getId()).activityId("Timer_SummaryOpens")
        .singleResult().getDuedate()).isEqualTo(at("2026-06-16T08:00:00+08:00"));

    ClockUtil.setCurrentTime(at("2026-01-01T08:00:05+08:00"));
    MonthlyReports.openMonth(managementService(), runtimeService(), planId);
    for (int no = 1; no <= 4; no++) {
      assertThat(reports(keyTask(no))).as("key task %d", no).singleElement().asString().endsWith("（1月）");
    }
    Task january = taskQuery().processInstanceId(keyTask(1).getId()).taskDefinitionKey("Task_ProgressReport").singleResult();
    assertThat(january.getDueDate()).isEqualTo(at("2026-01-20T23:59:59+08:00"));
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-02-01T08:00:00+08:00"));
  }

  @Test
  void nextYearsPlan_importedInOctober_waitsForJanuary_notNextMonth() {
    importAt("2025-10-10T10:00:00+08:00");
    assertThat(openingJobs(keyTask(1))).isEmpty();
    // Before, the next first of a month: 1 November 2025, whose report is not the plan's.
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-01-01T08:00:00+08:00"));
    assertThat(managementService().createJobQuery().processInstanceId(calendar().getId()).activityId("Timer_MonthlyOpens")
        .duedateLowerThan(at("2025-12-31T23:59:59+08:00")).count()).isZero();
  }

  @Test
  void aCalendarJobRunLate_opensTheMonthItsTimerWasSetFor_thenTheMonthAfter() {
    importAt("2025-12-10T10:00:00+08:00");
    Job january = monthlyOpening();
    // The job executor reaches January's opening only on 2 February (a storm before it, or the server down).
    ClockUtil.setCurrentTime(at("2026-02-02T09:00:00+08:00"));
    MonthlyReports.openMonth(managementService(), runtimeService(), planId, january);
    for (int no = 1; no <= 4; no++) {
      assertThat(reports(keyTask(no))).as("key task %d", no).singleElement().asString().endsWith("（1月）");
    }
    Task report = taskQuery().processInstanceId(keyTask(1).getId()).taskDefinitionKey("Task_ProgressReport").singleResult();
    assertThat(report.getDueDate()).isEqualTo(at("2026-01-20T23:59:59+08:00"));
    assertThat(runtimeService().getVariable(report.getExecutionId(), ProgressReports.REPORT_MONTH)).isEqualTo("2026-01");
    // February's opening is due already (1 February 08:00): it runs next and opens February's, none skipped.
    Job february = monthlyOpening();
    assertThat(february.getDuedate()).isEqualTo(at("2026-02-01T08:00:00+08:00"));
    MonthlyReports.openMonth(managementService(), runtimeService(), planId, february);
    assertThat(reports(keyTask(1))).hasSize(2).last().asString().endsWith("（2月）");
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-03-01T08:00:00+08:00"));
  }

  @Test
  void aCalendarTimerMovedToNow_opensThePlansFirstMonth() {
    // What bench/province.sh does for the month-start storm: the plans are next year's, their timers moved to now.
    importAt("2025-12-10T10:00:00+08:00");
    Job january = monthlyOpening();
    ClockUtil.setCurrentTime(at("2025-12-10T11:00:00+08:00"));
    managementService().setJobDuedate(january.getId(), ClockUtil.getCurrentTime());
    MonthlyReports.openMonth(managementService(), runtimeService(), planId);
    assertThat(allReports()).hasSize(4).allSatisfy(task -> {
      assertThat(task.getName()).endsWith("（1月）");
      assertThat(task.getDueDate()).isEqualTo(at("2026-01-20T23:59:59+08:00"));
    });
    // The next is February's, on its first, not December's again.
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-02-01T08:00:00+08:00"));
  }

  @Test
  void aPlanInItsSpan_opensThisMonthAtAssignment_andTheCalendarTheNext() {
    importAt("2026-03-10T10:00:00+08:00");
    Job march = MonthlyReports.openingAtAssignment(managementService(), keyTask(1).getId());
    assertThat(march).isNotNull();
    managementService().executeJob(march.getId());
    assertThat(reports(keyTask(1))).singleElement().asString().endsWith("（3月）");
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-04-01T08:00:00+08:00"));
    assertThat(runtimeService().getVariable(calendar().getId(), ReviewCalendar.MONTH_AHEAD)).isEqualTo("2026-04");
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    MonthlyReports.openMonth(managementService(), runtimeService(), planId);
    assertThat(reports(keyTask(1))).hasSize(2).last().asString().endsWith("（4月）");
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-05-01T08:00:00+08:00"));
  }

  @Test
  void aCalendarOfThePreviousVersion_withoutTheMonth_opensTodaysMonth_andCountsOnFromIt() {
    importAt("2026-03-10T10:00:00+08:00");
    // As a calendar whose timer the previous version set: no month recorded with it.
    runtimeService().removeVariable(calendar().getId(), ReviewCalendar.MONTH_AHEAD);
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    MonthlyReports.openMonth(managementService(), runtimeService(), planId);
    for (int no = 1; no <= 4; no++) {
      assertThat(reports(keyTask(no))).as("key task %d", no).last().asString().endsWith("（4月）");
    }
    assertThat(runtimeService().getVariable(calendar().getId(), ReviewCalendar.MONTH_OPENED)).isEqualTo("2026-04");
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-05-01T08:00:00+08:00"));
    assertThat(runtimeService().getVariable(calendar().getId(), ReviewCalendar.MONTH_AHEAD)).isEqualTo("2026-05");
  }

  @Test
  void aPreviousVersionsTimerForAMonthBeforeTheSpan_opensNothing_andWaitsForTheFirstMonth() {
    importAt("2025-10-10T10:00:00+08:00");
    // The previous version set next year's plan's timer on the next first of a month, with no month recorded.
    runtimeService().removeVariable(calendar().getId(), ReviewCalendar.MONTH_AHEAD);
    managementService().setJobDuedate(monthlyOpening().getId(), at("2025-11-01T08:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2025-11-01T08:00:05+08:00"));
    MonthlyReports.openMonth(managementService(), runtimeService(), planId);
    assertThat(allReports()).isEmpty();
    assertThat(monthlyOpening().getDuedate()).isEqualTo(at("2026-01-01T08:00:00+08:00"));
    ClockUtil.setCurrentTime(at("2026-01-01T08:00:05+08:00"));
    MonthlyReports.openMonth(managementService(), runtimeService(), planId);
    assertThat(allReports()).hasSize(4).allSatisfy(task -> assertThat(task.getName()).endsWith("（1月）"));
  }
}
