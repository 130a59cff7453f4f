package org.campaigndesk.campaign;

import static org.campaigndesk.campaign.CampaignVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.TaskHolderReadsItsInstance;
import org.campaigndesk.mail.Notifier;
import org.springframework.stereotype.Component;

/** 行动启动: every unit named in the campaign learns its main contents and the window. */
@Component("campaignOpened")
public class CampaignOpened implements JavaDelegate {

  private final Campaigns campaigns;
  private final Notifier notifier;
  private final Recipients recipients;

  public CampaignOpened(Campaigns campaigns, Notifier notifier, Recipients recipients) {
    this.campaigns = campaigns;
    this.notifier = notifier;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(CAMPAIGN_STATUS, "open");
    // The items' jobs that follow run side by side, several for one unit: its read on this campaign is granted here, once.
    TaskHolderReadsItsInstance.grantRead(execution.getProcessEngineServices().getAuthorizationService(),
        execution.getProcessInstanceId(), campaigns.units(execution));
    for (String unit : campaigns.units(execution)) {
      notifier.notice(MailKind.CAMPAIGN_OPENED, execution)
          .put(CAMPAIGN_NAME, (String) execution.getVariable(CAMPAIGN_NAME))
          .put(CAMPAIGN_WINDOW_TEXT, (String) execution.getVariable(CAMPAIGN_WINDOW_TEXT))
          .put("itemsText", campaigns.itemsOf(execution, unit))
          .put(KeyTaskVariables.PLAN_TITLE, (String) execution.getVariable(KeyTaskVariables.PLAN_TITLE))
          .send(recipients.unitContact(unit), execution.getProcessInstanceId() + "/opened/" + unit);
    }
  }
}
