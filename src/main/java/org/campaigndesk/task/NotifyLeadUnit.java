package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

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
import org.springframework.stereotype.Component;

/** 交办通知: tells a key task's (new) lead unit and its leaders that the work is theirs now. */
@Component("notifyLeadUnit")
public class NotifyLeadUnit implements JavaDelegate {

  private final MailService mail;
  private final Recipients recipients;
  private final String tasklistUrl;

  public NotifyLeadUnit(MailService mail, Recipients recipients, CampaignDeskProperties properties) {
    this.mail = mail;
    this.recipients = recipients;
    this.tasklistUrl = properties.mail().tasklistUrl();
  }

  @Override
  public void execute(DelegateExecution execution) {
    String leadUnit = (String) execution.getVariable(LEAD_UNIT_ID);
    Object reason = execution.getVariable(LeadUnitChange.REASON);
    Map<String, String> model = new LinkedHashMap<>();
    for (String name : new String[] {TASK_LABEL, LEAD_UNIT_NAME, DEADLINE_TEXT, PLAN_TITLE, LEAD_LEADER_NAMES, TASK_DESCRIPTION}) {
      Object value = execution.getVariable(name);
      model.put(name, value == null || value.toString().isBlank() ? "—" : value.toString());
    }
    model.put("reasonText", reason == null || reason.toString().isBlank() ? "" : "调整原因：" + reason);
    model.put("link", tasklistUrl);
    // One mail per hand-over: a later change to another unit (or back) mails again.
    String handOver = execution.getActivityInstanceId();
    for (Recipient to : recipients.leadUnitAndLeaders(leadUnit, KeyTaskVariables.splitIds(execution.getVariable(LEAD_LEADER_IDS)))) {
      model.put("recipientName", to.name());
      mail.send(execution.getProcessInstanceId() + "/lead-unit/" + handOver + "/" + to.userId(), MailKind.LEAD_UNIT_ASSIGNED, to,
          model, execution.getProcessInstanceId());
    }
  }
}
