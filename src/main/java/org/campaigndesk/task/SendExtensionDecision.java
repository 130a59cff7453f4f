package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.plan.ChineseDates;
import org.springframework.stereotype.Component;

/** Tells the lead unit and its leaders how their extension request was decided. */
@Component("sendExtensionDecision")
public class SendExtensionDecision implements JavaDelegate {

  private final Notifier notifier;
  private final Recipients recipients;

  public SendExtensionDecision(Notifier notifier, Recipients recipients) {
    this.notifier = notifier;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean approved = "approve".equals(execution.getVariable("extensionApproved"));
    Object comment = execution.getVariable("extensionDecisionComment");
    String request = "extension-" + execution.getVariable(ExtensionRequestCheck.EXTENSION_REQUESTS);
    notifier.notice(MailKind.EXTENSION_DECISION, execution)
        .variables(execution, TASK_LABEL, LEAD_UNIT_NAME, DEADLINE_TEXT, PLAN_TITLE)
        .put("requestedDateText", ChineseDates.format(LocalDate.parse((String) execution.getVariable(ExtensionRequestCheck.EXTENSION_NEW_DATE))))
        .put("decision", approved ? "同意" : "不同意")
        .put("comment", comment == null || comment.toString().isBlank() ? "无" : comment.toString())
        .send(recipients.leadUnitAndLeaders(execution), to -> execution.getProcessInstanceId() + "/" + request + "/" + to.userId());
  }
}
