package org.campaigndesk.task;

import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
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
    // A task being created holds no variables of its own yet: its execution's are the ones it would
    // read, without the query for the task's own (empty) variables (one per task started).
    VariableScope scope = TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) && task.getExecution() != null
        ? task.getExecution() : task;
    Object label = KeyTaskRecord.present(scope) ? KeyTaskRecord.of(scope).label() : scope.getVariable(KeyTaskVariables.TASK_LABEL);
    if (label != null) {
      task.setName(label + " · " + task.getName());
    }
    // A step that opens after its deadline has passed starts out as overdue.
    if (Boolean.TRUE.equals(scope.getVariable(WatchVariables.OVERDUE))) {
      task.setPriority(WatchVariables.OVERDUE_PRIORITY);
    }
  }
}
