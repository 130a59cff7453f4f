package org.campaigndesk.reminder;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Keeps the interview record and the accountability decision with the work they concern (the key
 * task or the rectification), added to what earlier escalations recorded, while that work is
 * still running; the escalation's own history keeps them in any case.
 */
@Component("recordAccountability")
public class RecordAccountability implements JavaDelegate {

  private final RuntimeService runtimeService;

  public RecordAccountability(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String record = execution.getVariable(WatchVariables.WATCH_SUBJECT) + "逾期（" + execution.getVariable(WatchVariables.DUE_DATE_TEXT)
        + "到期）：" + execution.getVariable("interviewDate") + " 由" + execution.getVariable("interviewers") + "约谈"
        + execution.getVariable("interviewee") + "。" + execution.getVariable("interviewOutcome")
        + " 问责决定：" + execution.getVariable("accountability");
    execution.setVariable("interviewRecord", record);
    String guarded = (String) execution.getVariable(StartEscalation.GUARDED_INSTANCE_ID);
    if (guarded == null || runtimeService.createProcessInstanceQuery().processInstanceId(guarded).count() == 0) {
      return;
    }
    Object earlier = runtimeService.getVariable(guarded, "interviewRecord");
    runtimeService.setVariables(guarded, Variables.createVariables()
        .putValue("interviewRecord", earlier == null ? record : earlier + "\n" + record)
        .putValue("accountabilityDecision", execution.getVariable("accountability"))
        .putValue("accountabilityNote", execution.getVariable("accountabilityNote")));
  }
}
