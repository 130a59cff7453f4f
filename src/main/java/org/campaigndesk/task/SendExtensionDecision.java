package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.MailService;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.plan.ChineseDates;
import org.springframework.stereotype.Component;

/** Tells the lead unit and its leaders how their extension request was decided. */
@Component("sendExtensionDecision")
public class SendExtensionDecision implements JavaDelegate {

  private final MailService mail;
  private final Recipients recipients;
  private final String tasklistUrl;

  public SendExtensionDecision(MailService mail, Recipients recipients, CampaignDeskProperties properties) {
    this.mail = mail;
    this.recipients = recipients;
    this.tasklistUrl = properties.mail().tasklistUrl();
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean approved = "approve".equals(execution.getVariable("extensionApproved"));
    Object comment = execution.getVariable("extensionDecisionComment");
    Map<String, String> model = new LinkedHashMap<>();
    model.put(TASK_LABEL, (String) execution.getVariable(TASK_LABEL));
    model.put(LEAD_UNIT_NAME, (String) execution.getVariable(LEAD_UNIT_NAME));
    model.put("requestedDateText", ChineseDates.format(LocalDate.parse((String) execution.getVariable(ExtensionRequestCheck.EXTENSION_NEW_DATE))));
    model.put("decision", approved ? "同意" : "不同意");
    model.put("comment", comment == null || comment.toString().isBlank() ? "无" : comment.toString());
    model.put(DEADLINE_TEXT, (String) execution.getVariable(DEADLINE_TEXT));
    model.put("link", tasklistUrl);
    model.put(PLAN_TITLE, (String) execution.getVariable(PLAN_TITLE));
    String request = "extension-" + execution.getVariable(ExtensionRequestCheck.EXTENSION_REQUESTS);
    for (Recipient to : recipients.leadUnitAndLeaders((String) execution.getVariable(KeyTaskVariables.LEAD_UNIT_ID),
        KeyTaskVariables.splitIds(execution.getVariable(KeyTaskVariables.LEAD_LEADER_IDS)))) {
      model.put("recipientName", to.name());
      mail.send(execution.getProcessInstanceId() + "/" + request + "/" + to.userId(), MailKind.EXTENSION_DECISION, to,
          model, execution.getProcessInstanceId());
    }
  }
}
