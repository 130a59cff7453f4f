package org.campaigndesk;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/** Time travel for tests: the clock is moved by hand and due jobs run as the job executor would run them. */
public final class TimeTravel {

  private TimeTravel() {}

  public static Date at(String isoOffsetDateTime) {
    return Date.from(OffsetDateTime.parse(isoOffsetDateTime).toInstant());
  }

  public static void clock(String isoOffsetDateTime) {
    ClockUtil.setCurrentTime(at(isoOffsetDateTime));
  }

  /** Runs every job of the instance that is due now, and the jobs those create, until none is due. */
  public static void runDueJobs(ManagementService managementService, String processInstanceId) {
    runUntilNoneDue(managementService, () -> managementService.createJobQuery().processInstanceId(processInstanceId), 20);
  }

  /**
   * Runs the due jobs of the deadline watches of one instance, as the job executor would: the
   * caller's timers that start a watch when it first has something to do ({@code Timer_WatchStarts}),
   * and every job of the watches it has called, until none is due.
   */
  public static void runDueWatchJobs(ManagementService managementService, RuntimeService runtimeService, String callerId) {
    for (int round = 0; round < 20; round++) {
      List<Job> due = new java.util.ArrayList<>();
      for (String start : WATCH_STARTS_ALL) {
        due.addAll(managementService.createJobQuery().processInstanceId(callerId).activityId(start).executable().list());
      }
      for (var watch : runtimeService.createProcessInstanceQuery().superProcessInstanceId(callerId).list()) {
        due.addAll(managementService.createJobQuery().processInstanceId(watch.getId()).executable().list());
      }
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> executeIfThere(managementService, job));
    }
    throw new AssertionError("jobs keep coming due: a timer loop?");
  }

  /**
   * A job an earlier one of the same round removed (a boundary timer ending the scope whose timers
   * were due too) is not run: the job executor would not find it either.
   */
  private static void executeIfThere(ManagementService managementService, Job job) {
    if (managementService.createJobQuery().jobId(job.getId()).count() > 0) {
      managementService.executeJob(job.getId());
    }
  }

  /** The timer that starts a deadline watch when it first has something to do. */
  public static final String WATCH_STARTS = "Timer_WatchStarts";
  /** Those timers in every process that defers its watches: key-task's (completion, reports), campaign's item watch. */
  public static final List<String> WATCH_STARTS_ALL = List.of(WATCH_STARTS, "Timer_ItemWatchStarts",
      "Timer_ReportWatchStarts", "Timer_QuarterlyWatchStarts", "Timer_SummaryWatchStarts");

  /** Runs every job of the given counties (tenants) that is due now, and the jobs those create, until none is due. */
  public static void runDueJobsOfCounties(ManagementService managementService, String... tenantIds) {
    runUntilNoneDue(managementService, () -> managementService.createJobQuery().tenantIdIn(tenantIds), 30);
  }

  private static void runUntilNoneDue(ManagementService managementService, Supplier<JobQuery> jobs, int rounds) {
    for (int round = 0; round < rounds; round++) {
      List<Job> due = jobs.get().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> executeIfThere(managementService, job));
    }
    throw new AssertionError("jobs keep coming due: a timer loop?");
  }
}
