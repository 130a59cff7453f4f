package org.campaigndesk.kernel;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Makes two transactions that change one process instance at once conflict: the engine's optimistic
 * locking then rolls one back (a job is retried), so a check-then-act on the instance (is this
 * report open already?) cannot pass in both. The public API cannot bump an instance's revision.
 */
public final class InstanceLocks {

  private InstanceLocks() {}

  /** Writes the execution's process instance at commit with its revision checked, changed or not. */
  public static void claim(DelegateExecution execution) {
    ((ExecutionEntity) execution.getProcessInstance()).forceUpdate();
  }
}
