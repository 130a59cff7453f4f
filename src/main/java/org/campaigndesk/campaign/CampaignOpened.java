package org.campaigndesk.campaign;

import static org.campaigndesk.campaign.CampaignVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.MailService;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** 行动启动: every unit named in the campaign learns its main contents and the window. */
@Component("campaignOpened")
public class CampaignOpened implements JavaDelegate {

  private final Campaigns campaigns;
  private final MailService mail;
  private final Recipients recipients;
  private final String tasklistUrl;

  public CampaignOpened(Campaigns campaigns, MailService mail, Recipients recipients, CampaignDeskProperties properties) {
    this.campaigns = campaigns;
    this.mail = mail;
    this.recipients = recipients;
    this.tasklistUrl = properties.mail().tasklistUrl();
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(CAMPAIGN_STATUS, "open");
    for (String unit : campaigns.units(execution)) {
      Recipient to = recipients.unitContact(unit);
      Map<String, String> model = new LinkedHashMap<>();
      model.put("recipientName", to.name());
      model.put(CAMPAIGN_NAME, (String) execution.getVariable(CAMPAIGN_NAME));
      model.put(CAMPAIGN_WINDOW_TEXT, (String) execution.getVariable(CAMPAIGN_WINDOW_TEXT));
      model.put("itemsText", campaigns.itemsOf(execution, unit));
      model.put("link", tasklistUrl);
      model.put(KeyTaskVariables.PLAN_TITLE, (String) execution.getVariable(KeyTaskVariables.PLAN_TITLE));
      mail.send(execution.getProcessInstanceId() + "/opened/" + unit, MailKind.CAMPAIGN_OPENED, to, model,
          execution.getProcessInstanceId());
    }
  }
}
