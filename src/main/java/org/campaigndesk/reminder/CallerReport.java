package org.campaigndesk.reminder;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch reports to the work it watches by message ({@value WatchVariables#STATUS_MESSAGE}), never
 * by writing into the caller's scopes: whether the deadline of the guarded scope has passed. The
 * caller's {@code SubProcess_DeadlineStatus} records it (task package, {@code DeadlineStatus}).
 */
final class CallerReport {

  private static final Logger LOG = LoggerFactory.getLogger(CallerReport.class);

  private CallerReport() {}

  /**
   * @return whether the caller received the report. A caller on a definition from before the message
   *     does not: the watch keeps its own {@code overdue}, and the start-up upgrade that moves the
   *     caller reports it again ({@link WatchUpgrade#reportAgain()}).
   */
  static boolean overdue(DelegateExecution watch, boolean overdue) {
    Object scope = watch.getVariable(WatchVariables.WATCHED_SCOPE);
    String caller = WatchedWork.callerOf(watch);
    boolean received = scope != null && caller != null && send(watch.getProcessEngineServices().getRuntimeService(), caller,
        scope.toString(), overdue, watch.getVariable(WatchVariables.DEADLINE_KIND));
    if (!received && caller != null) {
      LOG.warn("Deadline watch {} (business key {}): its caller {} did not receive DeadlineStatus overdue={} (a definition from"
          + " before the report); it is reported again when the caller has been moved at a start", watch.getProcessInstanceId(),
          watch.getProcessBusinessKey(), caller, overdue);
    }
    return received;
  }

  static boolean send(RuntimeService runtime, String caller, String scope, boolean overdue, Object kind) {
    return !runtime.createMessageCorrelation(WatchVariables.STATUS_MESSAGE)
        .processInstanceId(caller)
        .setVariablesToTriggeredScope(Variables.createVariables()
            .putValue(WatchVariables.REPORTED_SCOPE, scope)
            .putValue(WatchVariables.REPORTED_OVERDUE, overdue)
            .putValue(WatchVariables.REPORTED_KIND, kind))
        .correlateAllWithResult().isEmpty();
  }
}
