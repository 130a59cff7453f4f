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
      List<Job> due = new java.util.ArrayList<>(managementService.createJobQuery().processInstanceId(callerId)
          .activityId(WATCH_STARTS).executable().list());
      for (var watch : runtimeService.createProcessInstanceQuery().superProcessInstanceId(callerId).list()) {
        due.addAll(managementService.createJobQuery().processInstanceId(watch.getId()).executable().list());
      }
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming due: a timer loop?");
  }

  /** The timer that starts a deadline watch when it first has something to do. */
  public static final String WATCH_STARTS = "Timer_WatchStarts";

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
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming due: a timer loop?");
  }
}
