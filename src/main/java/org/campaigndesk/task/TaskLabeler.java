package org.campaigndesk.task;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Prefixes every key-task step with the key task's number and title, so Tasklist reads
 * "【三】住房安全保障工程 · 签收" while the diagram keeps the short step name.
 */
@Component("taskLabeler")
public class TaskLabeler implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object label = task.getVariable(KeyTaskVariables.TASK_LABEL);
    if (label != null) {
      task.setName(label + " · " + task.getName());
    }
  }
}
