package org.campaigndesk.reminder;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipients;
import org.springframework.stereotype.Component;

/** 逾期通知: to the lead unit, the lead leaders and the coordinators. */
@Component("sendOverdueNotice")
public class SendOverdueNotice implements JavaDelegate {

  private final DeadlineWatch watch;
  private final Notifier notifier;
  private final Recipients recipients;

  public SendOverdueNotice(DeadlineWatch watch, Notifier notifier, Recipients recipients) {
    this.watch = watch;
    this.notifier = notifier;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution called) {
    // The watched work's facts live with the work, not copied into the watch.
    DelegateExecution execution = WatchedWork.view(called);
    if (watch.wasOverdueAtImport(execution)) {
      // The plan came in after this deadline: its units got one notice listing all such tasks at import.
      return;
    }
    notifier.notice(MailKind.OVERDUE, execution).putAll(watch.mailModel(execution))
        .send(Recipients.distinct(recipients.leadUnitAndLeaders(execution),
            recipients.groupMembers(IdentitySync.COORDINATORS, execution.getTenantId())),
            to -> DeadlineWatch.key(execution, "overdue", to.userId()));
  }
}
