package org.campaigndesk.reminder;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Keeps the interview record and the accountability decision with the key task itself, so they
 * stay there (and in its history) even after the watch has ended.
 */
@Component("recordAccountability")
public class RecordAccountability implements JavaDelegate {

  private final RuntimeService runtimeService;

  public RecordAccountability(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ExecutionEntity callActivity = ((ExecutionEntity) execution).getProcessInstance().getSuperExecution();
    if (callActivity == null) {
      return;
    }
    String record = execution.getVariable(WatchVariables.WATCH_SUBJECT) + "逾期（" + execution.getVariable(WatchVariables.DUE_DATE_TEXT)
        + "到期）：" + execution.getVariable("interviewDate") + " 由" + execution.getVariable("interviewers") + "约谈"
        + execution.getVariable("interviewee") + "。" + execution.getVariable("interviewOutcome");
    runtimeService.setVariables(callActivity.getProcessInstanceId(), Variables.createVariables()
        .putValue("interviewRecord", record)
        .putValue("accountabilityDecision", execution.getVariable("accountability"))
        .putValue("accountabilityNote", execution.getVariable("accountabilityNote")));
  }
}
