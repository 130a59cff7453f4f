package org.campaigndesk.reminder;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A watch reports to the work it watches by message ({@value WatchVariables#STATUS_MESSAGE}), never
 * by writing into the caller's scopes: whether the deadline of the guarded scope has passed. The
 * caller's {@code SubProcess_DeadlineStatus} records it (task package, {@code DeadlineStatus}).
 */
final class CallerReport {

  private CallerReport() {}

  /** @return whether the caller received the report (false: it does not listen, the caller marks nothing) */
  static boolean overdue(DelegateExecution watch, boolean overdue) {
    Object scope = watch.getVariable(WatchVariables.WATCHED_SCOPE);
    String caller = scope == null ? null : WatchedWork.callerOf(watch);
    if (caller == null) {
      return false;
    }
    return !watch.getProcessEngineServices().getRuntimeService().createMessageCorrelation(WatchVariables.STATUS_MESSAGE)
        .processInstanceId(caller)
        .setVariablesToTriggeredScope(Variables.createVariables()
            .putValue(WatchVariables.REPORTED_SCOPE, scope)
            .putValue(WatchVariables.REPORTED_OVERDUE, overdue)
            .putValue(WatchVariables.REPORTED_KIND, watch.getVariable(WatchVariables.DEADLINE_KIND)))
        .correlateAllWithResult().isEmpty();
  }
}
