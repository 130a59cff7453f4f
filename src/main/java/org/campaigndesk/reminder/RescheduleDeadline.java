package org.campaigndesk.reminder;

import static org.campaigndesk.reminder.WatchVariables.*;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The deadline was extended: the watch starts over from the new date. Leaving the watching
 * subprocess has already cancelled every reminder and overdue timer computed from the old date.
 */
@Component("rescheduleDeadline")
public class RescheduleDeadline implements JavaDelegate {

  private final DeadlineWatch watch;
  private final TaskService taskService;

  public RescheduleDeadline(DeadlineWatch watch, TaskService taskService) {
    this.watch = watch;
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(DUE_DATE, execution.getVariable(NEW_DUE_DATE));
    execution.removeVariable(NEW_DUE_DATE);
    execution.setVariable(HANDLED_OFFSETS, "");
    if (Boolean.TRUE.equals(execution.getVariable(OVERDUE))) {
      execution.setVariable(OVERDUE, false);
      if (CallerReport.overdue(execution, false)) {
        return;
      }
      DelegateExecution scope = DeadlineWatch.guardedScope(execution);
      if (scope != null) {
        scope.setVariableLocal(OVERDUE, false);
        if (WatchVariables.MAIN_DEADLINE_KINDS.contains(execution.getVariable(WatchVariables.DEADLINE_KIND))) {
          scope.getProcessInstance().setVariableLocal(WatchVariables.DEADLINE_PASSED, false);
        }
      }
      for (Task task : watch.guardedTasks(execution)) {
        taskService.setPriority(task.getId(), Task.PRIORITY_NORMAL);
      }
    }
  }
}
