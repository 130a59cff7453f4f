package org.campaigndesk.dispatch;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.task.KeyTaskStarter;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.mail.Notifier;
import org.springframework.stereotype.Component;

/**
 * A leader's instruction (调度意见) reaches the lead unit by mail and stays in the key task's
 * history (its dispatchInstructions variable grows by one line per instruction).
 */
@Component("sendInstruction")
public class SendInstruction implements JavaDelegate {

  private final Dispatch dispatch;
  private final Notifier notifier;
  private final Recipients recipients;
  private final RuntimeService runtimeService;

  public SendInstruction(Dispatch dispatch, Notifier notifier, Recipients recipients, RuntimeService runtimeService) {
    this.dispatch = dispatch;
    this.notifier = notifier;
    this.recipients = recipients;
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String instruction = (String) execution.getVariable("instruction");
    Plan.KeyTask keyTask = dispatch.keyTaskOf(execution, instruction);
    String planId = (String) execution.getVariable(KeyTaskVariables.PLAN_ID);
    String label = keyTask.label();
    String line = execution.getVariable("dispatchMonthLabel") + " " + execution.getVariable("leaderName") + "："
        + dispatch.textOf(instruction);

    ProcessInstance keyTaskInstance = runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(planId, keyTask.no())).singleResult();
    String deadlineText = "—";
    if (keyTaskInstance != null) {
      Object earlier = runtimeService.getVariable(keyTaskInstance.getId(), "dispatchInstructions");
      if (earlier == null || !earlier.toString().contains(line)) {
        runtimeService.setVariable(keyTaskInstance.getId(), "dispatchInstructions", earlier == null ? line : earlier + "\n" + line);
      }
      deadlineText = String.valueOf(runtimeService.getVariable(keyTaskInstance.getId(), KeyTaskVariables.DEADLINE_TEXT));
    }

    notifier.notice(MailKind.DISPATCH_INSTRUCTION, execution)
        .put("leaderName", String.valueOf(execution.getVariable("leaderName")))
        .put("monthLabel", String.valueOf(execution.getVariable("dispatchMonthLabel")))
        .put(KeyTaskVariables.TASK_LABEL, label)
        .put("instructionText", dispatch.textOf(instruction))
        .put(KeyTaskVariables.DEADLINE_TEXT, deadlineText)
        .put(KeyTaskVariables.PLAN_TITLE, String.valueOf(execution.getVariable(KeyTaskVariables.PLAN_TITLE)))
        .send(recipients.unitContact(dispatch.leadUnitOf(execution, instruction)), execution.getProcessInstanceId() + "/"
            + execution.getVariable(Dispatch.LEADER_ID) + "/" + keyTask.no() + "/" + Integer.toHexString(instruction.hashCode()));
  }
}
