package org.campaigndesk.reminder;

import static org.campaigndesk.reminder.WatchVariables.OVERDUE;
import static org.campaigndesk.reminder.WatchVariables.OVERDUE_PRIORITY;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The deadline passed with the work open: the guarded scope of the key task is marked overdue
 * (forms show it; tasks created later pick it up) and its open tasks move up in Tasklist. A key
 * task, a rectification or a supervision target is told by message and does this itself
 * ({@link CallerReport}).
 */
@Component("markOverdue")
public class MarkOverdue implements JavaDelegate {

  private final DeadlineWatch watch;
  private final TaskService taskService;

  public MarkOverdue(DeadlineWatch watch, TaskService taskService) {
    this.watch = watch;
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(OVERDUE, true);
    if (CallerReport.overdue(execution, true)) {
      // The caller records it in its own scope and moves its tasks up.
      return;
    }
    // Callers that do not listen for the report: instances started on a version from before it (key
    // tasks, rectifications, supervision targets) that no upgrade has moved to the latest version.
    DelegateExecution scope = DeadlineWatch.guardedScope(execution);
    if (scope != null) {
      scope.setVariableLocal(OVERDUE, true);
      if (WatchVariables.MAIN_DEADLINE_KINDS.contains(execution.getVariable(WatchVariables.DEADLINE_KIND))) {
        scope.getProcessInstance().setVariableLocal(WatchVariables.DEADLINE_PASSED, true);
      }
    }
    for (Task task : watch.guardedTasks(execution)) {
      if (task.getPriority() < OVERDUE_PRIORITY) {
        taskService.setPriority(task.getId(), OVERDUE_PRIORITY);
      }
    }
  }
}
