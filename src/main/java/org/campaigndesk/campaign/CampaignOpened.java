package org.campaigndesk.campaign;

import static org.campaigndesk.campaign.CampaignVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.kernel.DeferredJobs;
import org.campaigndesk.kernel.TaskHolderReadsItsInstance;
import org.springframework.stereotype.Component;

/**
 * 行动启动: the campaign is open, every unit named in it may read it, and every unit learns its main
 * contents and the window. The mails are a job of their own ({@link CampaignOpeningMails}), which
 * exists once this step commits: the items' chunk jobs that follow need not wait for them.
 */
@Component("campaignOpened")
public class CampaignOpened implements JavaDelegate {

  private final Campaigns campaigns;
  private final DeferredJobs deferredJobs;

  public CampaignOpened(Campaigns campaigns, DeferredJobs deferredJobs) {
    this.campaigns = campaigns;
    this.deferredJobs = deferredJobs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(CAMPAIGN_STATUS, "open");
    // The items' chunk jobs that follow run side by side, several with items of one unit: its read on this campaign is granted here, once.
    TaskHolderReadsItsInstance.grantRead(execution.getProcessEngineServices().getAuthorizationService(),
        execution.getProcessInstanceId(), campaigns.units(execution));
    // Every item's unit is one of those: the items' tasks need not look their grant up (one query per item).
    execution.getProcessInstance().setVariableLocal(TaskHolderReadsItsInstance.GRANTED_BEFOREHAND, ITEM_TASK);
    deferredJobs.schedule(CampaignOpeningMails.TYPE, execution.getProcessInstanceId(), execution.getProcessInstanceId(),
        execution.getTenantId());
  }
}
