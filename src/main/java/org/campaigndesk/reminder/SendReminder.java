package org.campaigndesk.reminder;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipients;
import org.springframework.stereotype.Component;

/** 催办: the reminder that is due now, to the lead unit's contact and the lead leaders. */
@Component("sendReminder")
public class SendReminder implements JavaDelegate {

  static final String CAMPAIGN_ITEM = "campaign-item";

  private final DeadlineWatch watch;
  private final Notifier notifier;
  private final Recipients recipients;

  public SendReminder(DeadlineWatch watch, Notifier notifier, Recipients recipients) {
    this.watch = watch;
    this.notifier = notifier;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution called) {
    // The watched work's facts live with the work, not copied into the watch.
    DelegateExecution execution = WatchedWork.view(called);
    var reminder = watch.nextReminder(execution);
    if (reminder.isEmpty() || reminder.get().at().isAfter(DeadlineWatch.now())) {
      // The timer fired for a reminder that is no longer due (the deadline moved or passed): nothing to send.
      return;
    }
    int offset = reminder.get().offsetDays();
    notifier.notice(kind(execution), execution).putAll(watch.mailModel(execution))
        .send(recipients.leadUnitAndLeaders(execution), to -> DeadlineWatch.key(execution, "reminder-" + offset, to.userId()));
    DeadlineWatch.addHandledOffsets(execution, watch.schedule().settledBy(offset));
  }

  /** A campaign's main contents are no key task: their reminder says so. */
  static MailKind kind(DelegateExecution execution) {
    return CAMPAIGN_ITEM.equals(execution.getVariable(WatchVariables.DEADLINE_KIND)) ? MailKind.CAMPAIGN_REMINDER : MailKind.REMINDER;
  }
}
