package org.campaigndesk.task;

import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.campaigndesk.reminder.WatchVariables;
import org.springframework.stereotype.Component;

/**
 * Prefixes every key-task step with the key task's number and title, so Tasklist reads
 * "【三】住房安全保障工程 · 签收" while the diagram keeps the short step name; and puts steps
 * that open when their work is already overdue up front.
 */
@Component("taskLabeler")
public class TaskLabeler implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object label = KeyTaskRecord.present(task) ? KeyTaskRecord.of(task).label() : task.getVariable(KeyTaskVariables.TASK_LABEL);
    if (label != null) {
      task.setName(label + " · " + task.getName());
    }
    // A step that opens after its deadline has passed starts out as overdue.
    if (Boolean.TRUE.equals(task.getVariable(WatchVariables.OVERDUE))) {
      task.setPriority(WatchVariables.OVERDUE_PRIORITY);
    }
  }
}
