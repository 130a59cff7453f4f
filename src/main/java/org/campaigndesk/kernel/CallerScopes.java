package org.campaigndesk.kernel;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * From a called instance up into the executions of the instance that called it. The engine's
 * public API has no way there (an execution does not name its parent), so this adapter is the one
 * place outside the kernel's clock that casts to the engine's entities.
 */
public final class CallerScopes {

  private CallerScopes() {}

  /** The id of the process instance whose call activity started {@code called}'s instance, or null. */
  public static String callerInstanceId(DelegateExecution called) {
    ExecutionEntity callActivity = callActivity(called);
    return callActivity == null ? null : callActivity.getProcessInstanceId();
  }

  /**
   * The scope in the calling instance that holds the call activity: its subprocess (the call
   * activity's own execution and concurrent branches skipped), or null when nothing called this
   * instance.
   */
  public static DelegateExecution enclosingScope(DelegateExecution called) {
    ExecutionEntity callActivity = callActivity(called);
    if (callActivity == null) {
      return null;
    }
    ExecutionEntity scope = callActivity.getParent();
    while (scope != null && scope.isConcurrent()) {
      scope = scope.getParent();
    }
    return scope != null ? scope : callActivity;
  }

  /** Whether {@code task} waits inside the execution {@code scopeId} (at any depth). */
  public static boolean isInside(Task task, String scopeId) {
    for (ExecutionEntity e = ((TaskEntity) task).getExecution(); e != null; e = e.getParent()) {
      if (e.getId().equals(scopeId)) {
        return true;
      }
    }
    return false;
  }

  private static ExecutionEntity callActivity(DelegateExecution called) {
    return ((ExecutionEntity) called).getProcessInstance().getSuperExecution();
  }
}
