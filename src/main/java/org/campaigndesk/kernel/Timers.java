package org.campaigndesk.kernel;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Timer jobs the current transaction has just created (not yet in the database, so no query finds them). */
public final class Timers {

  private Timers() {}

  /**
   * Makes the timer of {@code activityId} on the execution's scope (or a scope above) due now, so the
   * job executor fires it at once; a repeating timer then goes on with its cycle as declared.
   *
   * @return whether such a timer was found
   */
  public static boolean dueNow(DelegateExecution execution, String activityId) {
    for (ExecutionEntity scope = (ExecutionEntity) execution; scope != null; scope = scope.getParent()) {
      for (JobEntity job : scope.getJobs()) {
        if (job instanceof TimerEntity && activityId.equals(job.getActivityId())) {
          job.setDuedate(ClockUtil.getCurrentTime());
          return true;
        }
      }
    }
    return false;
  }
}
