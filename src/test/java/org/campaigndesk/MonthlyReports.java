package org.campaigndesk;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The monthly progress reports in tests: the plan's review calendar opens each month's report in the
 * key tasks being carried out (on the first of a month), and a key task assigned before the month's
 * due day opens it itself in a job after assignment.
 */
public final class MonthlyReports {

  private MonthlyReports() {}

  /** The plan's calendar's next monthly opening: a timer on the first of a month, 08:00 in the plan's zone. */
  public static Job calendarOpening(ManagementService managementService, RuntimeService runtimeService, String planId) {
    String calendar = runtimeService.createProcessInstanceQuery().processDefinitionKey("review-calendar")
        .variableValueEquals("planId", planId).singleResult().getId();
    return managementService.createJobQuery().processInstanceId(calendar).activityId("Timer_MonthlyOpens").singleResult();
  }

  /** Runs the calendar's monthly opening now: the month's report opens in every key task of the plan being carried out. */
  public static void openMonth(ManagementService managementService, RuntimeService runtimeService, String planId) {
    openMonth(managementService, runtimeService, planId, calendarOpening(managementService, runtimeService, planId));
  }

  /**
   * Runs this calendar job (the plan's monthly opening) and then, as the job executor would, the
   * opening jobs it left (on the calendar, and those due on the plan's key tasks).
   */
  public static void openMonth(ManagementService managementService, RuntimeService runtimeService, String planId, Job calendarJob) {
    managementService.executeJob(calendarJob.getId());
    for (Job opening : openingsOfThePlan(managementService, runtimeService, planId)) {
      managementService.executeJob(opening.getId());
    }
  }

  /**
   * The due jobs that open the month's report in the plan's key tasks: the calendar's (on the calendar,
   * several key tasks each), then the key tasks' own (after assignment, or the calendar's split by a failure).
   */
  public static java.util.List<Job> openingsOfThePlan(ManagementService managementService, RuntimeService runtimeService, String planId) {
    java.util.List<Job> openings = new java.util.ArrayList<>(calendarsOpenings(managementService, runtimeService, planId));
    runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task").variableValueEquals("planId", planId).list()
        .stream().flatMap(keyTask -> managementService.createJobQuery().processInstanceId(keyTask.getId()).executable().list().stream())
        .filter(job -> String.valueOf(((JobEntity) job).getJobHandlerConfigurationRaw()).contains("|MonthlyReportDue|"))
        .forEach(openings::add);
    // In the order they were scheduled, as the job executor would come to them: a key task's own opening for
    // March (at assignment) before the calendar's for April.
    openings.sort(java.util.Comparator.comparing(Job::getCreateTime));
    return openings;
  }

  /** The calendar's due jobs that open the month in its key tasks ({@code month-openings}, up to 20 key tasks each). */
  public static java.util.List<Job> calendarsOpenings(ManagementService managementService, RuntimeService runtimeService, String planId) {
    String calendar = runtimeService.createProcessInstanceQuery().processDefinitionKey("review-calendar")
        .variableValueEquals("planId", planId).singleResult().getId();
    return managementService.createJobQuery().processInstanceId(calendar).executable().list().stream()
        .filter(job -> String.valueOf(((JobEntity) job).getJobHandlerConfigurationRaw()).startsWith("month-openings:")).toList();
  }

  /** Whether the opening job opens the month in this key task (its own, or the calendar's naming it among others). */
  public static boolean opensIn(Job opening, String keyTaskId) {
    return keyTaskId.equals(opening.getProcessInstanceId())
        || String.valueOf(((JobEntity) opening).getJobHandlerConfigurationRaw()).contains(keyTaskId);
  }

  /**
   * The calendar's announcement of the month as one key task receives it (the same message), for tests
   * about that key task alone: the calendar's job opens the month in all the plan's key tasks.
   */
  public static void openIn(RuntimeService runtimeService, String keyTaskId) {
    runtimeService.createMessageCorrelation("MonthlyReportDue").processInstanceId(keyTaskId).correlate();
  }

  /** The job that opens this month's report in a key task assigned before the report's due day, or null. */
  public static Job openingAtAssignment(ManagementService managementService, String keyTaskId) {
    return managementService.createJobQuery().processInstanceId(keyTaskId).list().stream()
        .filter(job -> String.valueOf(((JobEntity) job).getJobHandlerConfigurationRaw()).contains("|MonthlyReportDue|"))
        .findFirst().orElse(null);
  }
}
