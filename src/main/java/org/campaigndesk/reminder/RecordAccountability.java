package org.campaigndesk.reminder;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Keeps the interview record and the accountability decision on the escalation itself, as its
 * {@link AccountabilityRecord}: the work it concerns (the key task or the rectification) is not
 * written into; the ledger and the dossier read each escalation's record by the business key.
 */
@Component("recordAccountability")
public class RecordAccountability implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    AccountabilityRecord record = AccountabilityRecord.of(text(execution, WatchVariables.WATCH_SUBJECT),
        text(execution, WatchVariables.DUE_DATE_TEXT), text(execution, "interviewDate"), text(execution, "interviewers"),
        text(execution, "interviewee"), text(execution, "interviewOutcome"), text(execution, "accountability"),
        text(execution, "accountabilityNote"));
    execution.getProcessInstance().setVariable(AccountabilityRecord.VARIABLE, record.value());
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
