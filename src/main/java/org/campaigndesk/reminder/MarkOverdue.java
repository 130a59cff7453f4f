package org.campaigndesk.reminder;

import static org.campaigndesk.reminder.WatchVariables.OVERDUE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The deadline passed with the work open: the watch notes it on itself (its mails and the escalation
 * read it) and tells the watched work by message ({@link CallerReport}); the work records it in its
 * own scope (forms show it, its open tasks move up in Tasklist). Nothing is written into the caller.
 */
@Component("markOverdue")
public class MarkOverdue implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(OVERDUE, true);
    CallerReport.overdue(execution, true);
  }
}
