package org.campaigndesk.reminder;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.MailService;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** 催办: the reminder that is due now, to the lead unit's contact and the lead leaders. */
@Component("sendReminder")
public class SendReminder implements JavaDelegate {

  static final String CAMPAIGN_ITEM = "campaign-item";

  private final DeadlineWatch watch;
  private final MailService mail;
  private final Recipients recipients;

  public SendReminder(DeadlineWatch watch, MailService mail, Recipients recipients) {
    this.watch = watch;
    this.mail = mail;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var reminder = watch.nextReminder(execution);
    if (reminder.isEmpty() || reminder.get().at().isAfter(DeadlineWatch.now())) {
      // The timer fired for a reminder that is no longer due (the deadline moved or passed): nothing to send.
      return;
    }
    int offset = reminder.get().offsetDays();
    Map<String, String> model = watch.mailModel(execution);
    for (Recipient to : recipients.leadUnitAndLeaders((String) execution.getVariable(KeyTaskVariables.LEAD_UNIT_ID),
        KeyTaskVariables.splitIds(execution.getVariable(KeyTaskVariables.LEAD_LEADER_IDS)))) {
      model.put("recipientName", to.name());
      mail.send(DeadlineWatch.key(execution, "reminder-" + offset, to.userId()), kind(execution), to, model,
          execution.getProcessInstanceId());
    }
    DeadlineWatch.addHandledOffsets(execution, watch.schedule().settledBy(offset));
  }

  /** A campaign's main contents are no key task: their reminder says so. */
  static MailKind kind(DelegateExecution execution) {
    return CAMPAIGN_ITEM.equals(execution.getVariable(WatchVariables.DEADLINE_KIND)) ? MailKind.CAMPAIGN_REMINDER : MailKind.REMINDER;
  }
}
