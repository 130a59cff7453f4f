package org.campaigndesk.kernel;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/** The job whose execution the current engine command is (by the job executor or {@code executeJob} alike). */
public final class CurrentJob {

  private CurrentJob() {}

  /**
   * Whether the current command runs a job at {@code activityId} that failed before (it holds the
   * exception of its last run): a retry. False outside a job, or in another activity's job.
   */
  public static boolean isRetryAt(String activityId) {
    CommandContext context = Context.getCommandContext();
    JobEntity job = context == null ? null : context.getCurrentJob();
    return job != null && activityId.equals(job.getActivityId()) && job.getExceptionMessage() != null;
  }
}
