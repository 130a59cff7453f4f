package org.campaigndesk.reminder;

import java.util.List;
import org.campaigndesk.kernel.JsonLists;
import static org.campaigndesk.reminder.WatchVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The deadline was extended: the watch starts over from the new date (the key task sent it with the
 * message {@value WatchVariables#EXTENDED_MESSAGE}). Leaving the watching subprocess has already
 * cancelled every reminder and overdue timer computed from the old date. A deadline that had passed
 * no longer has: the watch tells the watched work by message ({@link CallerReport}), which lowers
 * its own flag and its tasks' priority; nothing is written into the caller.
 */
@Component("rescheduleDeadline")
public class RescheduleDeadline implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(DUE_DATE, execution.getVariable(NEW_DUE_DATE));
    execution.removeVariable(NEW_DUE_DATE);
    execution.setVariable(HANDLED_OFFSETS, JsonLists.of(List.of()));
    if (Boolean.TRUE.equals(execution.getVariable(OVERDUE))) {
      execution.setVariable(OVERDUE, false);
      CallerReport.overdue(execution, false);
    }
  }
}
