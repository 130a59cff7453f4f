package org.campaigndesk.campaign;

import static org.campaigndesk.campaign.CampaignVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.campaigndesk.kernel.DeferredWork;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.springframework.stereotype.Component;

/**
 * 行动启动通知: every unit named in an opened campaign learns its main contents and the window, one
 * mail each. A job of its own that the opening leaves ({@link CampaignOpened}), so that the items'
 * jobs do not wait for some fifty mails. Each mail is recorded once under its key (the opening's
 * key of before): a job run again, or retried after a failure that rolled it back, records only
 * what is not recorded yet. A failure is retried after 1, 5 and 30 minutes, then an incident.
 */
@Component
public class CampaignOpeningMails implements DeferredWork {

  /** The configuration is the campaign's process instance id. */
  public static final String TYPE = "campaign-opened";

  private final HistoryService historyService;
  private final Notifier notifier;
  private final Recipients recipients;

  public CampaignOpeningMails(HistoryService historyService, Notifier notifier, Recipients recipients) {
    this.historyService = historyService;
    this.notifier = notifier;
    this.recipients = recipients;
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The key under which the opening's mail to {@code unitId} is recorded once. */
  static String key(String processInstanceId, String unitId) {
    return processInstanceId + "/opened/" + unitId;
  }

  @Override
  public void run(String processInstanceId) {
    // From the history, which keeps the campaign's values (set at its start, never changed) also once it has ended.
    Map<String, Object> values = new HashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableNameIn(CAMPAIGN_NAME, CAMPAIGN_WINDOW_TEXT, CAMPAIGN_ITEMS, KeyTaskVariables.PLAN_TITLE).list()) {
      if (v.getTaskId() == null && processInstanceId.equals(v.getExecutionId())) {
        values.put(v.getName(), v.getValue());
      }
    }
    if (!values.containsKey(CAMPAIGN_ITEMS)) {
      throw new IllegalStateException("campaign " + processInstanceId + " has no items to announce");
    }
    JsonNode items = Campaigns.items(values.get(CAMPAIGN_ITEMS));
    Map<String, Recipient> contacts = recipients.unitContacts(new ArrayList<>(Campaigns.unitNames(items).keySet()));
    List<Notifier.Personal> each = new ArrayList<>();
    contacts.forEach((unit, contact) -> each.add(new Notifier.Personal(contact, key(processInstanceId, unit),
        Map.of("itemsText", Campaigns.itemsOf(items, unit)))));
    notifier.notice(MailKind.CAMPAIGN_OPENED, processInstanceId)
        .put(CAMPAIGN_NAME, (String) values.get(CAMPAIGN_NAME))
        .put(CAMPAIGN_WINDOW_TEXT, (String) values.get(CAMPAIGN_WINDOW_TEXT))
        .put(KeyTaskVariables.PLAN_TITLE, (String) values.get(KeyTaskVariables.PLAN_TITLE))
        .sendEach(each);
  }
}
