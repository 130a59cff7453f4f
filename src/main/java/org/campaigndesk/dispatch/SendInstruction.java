package org.campaigndesk.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.MailService;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.task.KeyTaskStarter;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * A leader's instruction (调度意见) reaches the lead unit by mail and stays in the key task's
 * history (its dispatchInstructions variable grows by one line per instruction).
 */
@Component("sendInstruction")
public class SendInstruction implements JavaDelegate {

  private final Dispatch dispatch;
  private final MailService mail;
  private final Recipients recipients;
  private final RuntimeService runtimeService;
  private final String tasklistUrl;

  public SendInstruction(Dispatch dispatch, MailService mail, Recipients recipients, RuntimeService runtimeService,
      CampaignDeskProperties properties) {
    this.dispatch = dispatch;
    this.mail = mail;
    this.recipients = recipients;
    this.runtimeService = runtimeService;
    this.tasklistUrl = properties.mail().tasklistUrl();
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

    Recipient to = recipients.unitContact(dispatch.leadUnitOf(execution, instruction));
    Map<String, String> model = new LinkedHashMap<>();
    model.put("recipientName", to.name());
    model.put("leaderName", String.valueOf(execution.getVariable("leaderName")));
    model.put("monthLabel", String.valueOf(execution.getVariable("dispatchMonthLabel")));
    model.put(KeyTaskVariables.TASK_LABEL, label);
    model.put("instructionText", dispatch.textOf(instruction));
    model.put(KeyTaskVariables.DEADLINE_TEXT, deadlineText);
    model.put("link", tasklistUrl);
    model.put(KeyTaskVariables.PLAN_TITLE, String.valueOf(execution.getVariable(KeyTaskVariables.PLAN_TITLE)));
    mail.send(execution.getProcessInstanceId() + "/" + execution.getVariable(Dispatch.LEADER_ID) + "/" + keyTask.no() + "/"
        + Integer.toHexString(instruction.hashCode()), MailKind.DISPATCH_INSTRUCTION, to, model, execution.getProcessInstanceId());
  }
}
