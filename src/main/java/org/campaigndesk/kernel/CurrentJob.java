package org.campaigndesk.kernel;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The job whose execution the current engine command is (by the job executor or {@code executeJob}
 * alike), and whether it failed before. Work done in chunks (a campaign's items, a month's openings)
 * asks it, so that a chunk that failed goes on piece by piece and only the broken piece fails.
 */
public final class CurrentJob {

  private CurrentJob() {}

  /** The job this thread's engine command runs, or null when none runs. */
  public static Job get() {
    CommandContext context = Context.getCommandContext();
    return context == null ? null : context.getCurrentJob();
  }

  /**
   * Whether {@code job} runs again after a failure: it holds the exception of its last run, which
   * the engine keeps until the job succeeds, however many retries are left or were set again after
   * an incident.
   */
  public static boolean failedBefore(Job job) {
    return job.getExceptionMessage() != null;
  }

  /** Whether the current command runs a job at {@code activityId} that failed before. False outside a job, or in another activity's job. */
  public static boolean isRetryAt(String activityId) {
    Job job = get();
    return job instanceof JobEntity entity && activityId.equals(entity.getActivityId()) && failedBefore(job);
  }
}
