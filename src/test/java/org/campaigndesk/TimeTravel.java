package org.campaigndesk;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
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
    for (int round = 0; round < 20; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming due: a timer loop?");
  }

  /** Runs every job of the given counties (tenants) that is due now, and the jobs those create, until none is due. */
  public static void runDueJobsOfCounties(ManagementService managementService, String... tenantIds) {
    for (int round = 0; round < 30; round++) {
      List<Job> due = managementService.createJobQuery().executable().tenantIdIn(tenantIds).list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming due: a timer loop?");
  }
}
