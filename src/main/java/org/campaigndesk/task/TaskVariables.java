package org.campaigndesk.task;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Keeps what a unit reports on its own task, so that parallel units (and month after month) do not
 * overwrite each other. Tasklist's form submission fills the task-local placeholders the create
 * listeners set; a plain REST or API completion puts the values on the process instance instead:
 * this complete listener moves them onto the task either way.
 */
@Component("taskVariables")
public class TaskVariables {

  /** @param names comma-separated variable names */
  public void keepLocal(DelegateTask task, String names) {
    for (String name : names.split(",")) {
      String n = name.trim();
      if (unfilled(task.getVariableLocal(n))) {
        Object submitted = task.getExecution().getVariable(n);
        if (submitted != null) {
          task.setVariableLocal(n, submitted);
        }
      }
    }
  }

  /** What was submitted for a field that has a task-local placeholder, whichever way the task was completed. */
  public static Object submitted(DelegateTask task, String name) {
    Object local = task.getVariableLocal(name);
    return unfilled(local) ? task.getExecution().getVariable(name) : local;
  }

  private static boolean unfilled(Object placeholder) {
    return placeholder == null || "".equals(placeholder);
  }
}
