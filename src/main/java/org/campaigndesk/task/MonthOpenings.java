package org.campaigndesk.task;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.CurrentJob;
import org.campaigndesk.kernel.DeferredJobs;
import org.campaigndesk.kernel.DeferredWork;
import org.campaigndesk.kernel.InstanceTrees;
import org.campaigndesk.kernel.TaskHolderReadsItsInstance;
import org.springframework.stereotype.Component;

/**
 * Opens a month's progress report in several key tasks of one plan in one job (the plan's calendar
 * schedules one per {@link #KEY_TASKS_PER_JOB} key tasks, {@link ReviewCalendar#openMonthly}): each key
 * task is opened as by its own {@link ReviewOpening} (one that ended meanwhile receives nothing, a
 * month open already is not opened again, {@link ReportOpenings}; a job run late opens the month it
 * was set for), but their rows are written in one transaction, so the engine's flush sends each kind
 * of row as one batch (one statement on PostgreSQL with reWriteBatchedInserts) and the job's own rows,
 * its acquisition and its commit are paid once for all of them.
 *
 * <p>One key task whose opening fails rolls back the others of its job. When the job runs again after
 * a failure, it opens nothing itself but leaves one {@link ReviewOpening} job on each of its key tasks
 * still running, attached to it ({@link DeferredJobs#scheduleInInstance}): the others open then, and
 * the failing one becomes that key task's own incident in Cockpit.
 */
@Component
public class MonthOpenings implements DeferredWork {

  static final String TYPE = "month-openings";

  /**
   * Key tasks per job: the inserts of 20 openings go in about as many round trips as those of one
   * (bench/RESULTS.md, "The month start in chunks"), and a county's plan (about 20 key tasks) is one job.
   */
  public static final int KEY_TASKS_PER_JOB = 20;

  private final ReviewOpening opening;
  private final DeferredJobs deferredJobs;
  private final ReportOpenings reportOpenings;

  public MonthOpenings(ReviewOpening opening, DeferredJobs deferredJobs, ReportOpenings reportOpenings) {
    this.opening = opening;
    this.deferredJobs = deferredJobs;
    this.reportOpenings = reportOpenings;
  }

  /** {@code 2027-01|Asia/Shanghai|id,id,...}: the month, the plan's zone and the key tasks' process instances. */
  public static String configuration(YearMonth month, ZoneId zone, List<String> keyTasks) {
    return month + "|" + zone.getId() + "|" + String.join(",", keyTasks);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void run(String configuration) {
    String[] parts = configuration.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(TYPE + " configuration '" + configuration + "': expected month|zone|key tasks");
    }
    YearMonth month = month(parts[0]);
    ZoneId zone = zone(parts[1]);
    // Each key task once: its month's history is read ahead for one check.
    List<String> keyTasks = Arrays.stream(parts[2].split(",")).filter(id -> !id.isBlank()).distinct().toList();
    if (!ProgressReports.stillOpens(month, zone, Clocks.instant())) {
      return; // stopped for longer than a month: that month is no longer reported (the calendar opens this one)
    }
    Job job = DeferredJobs.currentJob();
    if (keyTasks.size() > 1 && job != null && CurrentJob.failedBefore(job)) {
      // On each key task (one that ended gets none): one that fails again fails alone, as its key task's incident.
      for (String keyTask : keyTasks) {
        deferredJobs.scheduleInInstance(ReviewOpening.TYPE, ReviewOpening.configuration(keyTask, ReviewCalendar.MONTHLY_MESSAGE,
            month.toString(), zone), keyTask, job.getTenantId());
      }
      return;
    }
    // The key tasks' trees in one query each for all (executions, event subscriptions, variables, the records' byte
    // arrays), into the engine's cache for this command: each opening's message then finds its waiting execution, its
    // children and the record there. Then the month's history of all in one query, read after the instances: an
    // opening committed in between has changed its instance since this read, and this job's claim on it fails
    // (ReportOpenings, InstanceLocks) - no month opens twice.
    // And who reads each instance: the report task's lead unit mostly does already (no lookup of its grant per task).
    InstanceTrees.readingAhead(keyTasks, List.of(KeyTaskRecord.VARIABLE), () ->
        TaskHolderReadsItsInstance.readingAhead(keyTasks, () ->
            reportOpenings.readingAhead(keyTasks, month, () -> keyTasks.forEach(keyTask -> opening.openMonth(keyTask, month)))));
  }

  private static YearMonth month(String text) {
    try {
      return YearMonth.parse(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(TYPE + " month: '" + text + "' is not a month (yyyy-MM)", e);
    }
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(TYPE + " zone: '" + text + "' is not a time zone id", e);
    }
  }
}
