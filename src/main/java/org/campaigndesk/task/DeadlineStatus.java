package org.campaigndesk.task;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.kernel.GuardedScopes;
import org.campaigndesk.reminder.WatchVariables;
import org.springframework.stereotype.Component;

/**
 * The watched work's own record of a deadline watch's report ({@code SubProcess_DeadlineStatus} of
 * key-task, rectification and supervision-target): the watched scope's {@code overdue} flag (forms
 * show it, tasks created there later start high), its open tasks' priority, and for the completion
 * or rectification deadline the whole instance's {@code deadlinePassed} (Tasklist's overdue
 * filters). The watch only reports; the work owns these facts.
 */
@Component("deadlineStatus")
public class DeadlineStatus {

  private final RuntimeService runtimeService;
  private final TaskService taskService;

  public DeadlineStatus(RuntimeService runtimeService, TaskService taskService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
  }

  public void record(DelegateExecution report) {
    String scope = (String) report.getVariableLocal(WatchVariables.REPORTED_SCOPE);
    boolean overdue = Boolean.TRUE.equals(report.getVariableLocal(WatchVariables.REPORTED_OVERDUE));
    String instance = report.getProcessInstanceId();
    String execution = GuardedScopes.executionOf(runtimeService, instance, scope);
    if (execution == null) {
      // The watched work ended meanwhile: nothing left to mark.
      return;
    }
    runtimeService.setVariableLocal(execution, WatchVariables.OVERDUE, overdue);
    if (WatchVariables.MAIN_DEADLINE_KINDS.contains(report.getVariableLocal(WatchVariables.REPORTED_KIND))) {
      if (KeyTaskRecord.present(report)) {
        // The key task's index for the overdue filters is its record's (written with it).
        KeyTaskRecord.of(report).withDeadlinePassed(overdue).writeTo(report);
      } else {
        report.getProcessInstance().setVariableLocal(WatchVariables.DEADLINE_PASSED, overdue);
      }
    }
    for (Task task : GuardedScopes.openTasks(runtimeService, taskService, instance, scope)) {
      if (!overdue) {
        taskService.setPriority(task.getId(), Task.PRIORITY_NORMAL);
      } else if (task.getPriority() < WatchVariables.OVERDUE_PRIORITY) {
        taskService.setPriority(task.getId(), WatchVariables.OVERDUE_PRIORITY);
      }
    }
  }
}
