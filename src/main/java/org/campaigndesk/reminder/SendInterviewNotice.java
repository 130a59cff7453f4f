package org.campaigndesk.reminder;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipients;
import org.springframework.stereotype.Component;

/** 约谈通知: the grace period is over; to the discipline commission and the lead unit. */
@Component("sendInterviewNotice")
public class SendInterviewNotice implements JavaDelegate {

  private final DeadlineWatch watch;
  private final Notifier notifier;
  private final Recipients recipients;
  private final String interviewGroup;

  public SendInterviewNotice(DeadlineWatch watch, Notifier notifier, Recipients recipients, CampaignDeskProperties properties) {
    this.watch = watch;
    this.notifier = notifier;
    this.recipients = recipients;
    this.interviewGroup = properties.escalation().interviewGroup();
  }

  @Override
  public void execute(DelegateExecution called) {
    // The watched work's facts live with the work, not copied into the watch.
    DelegateExecution execution = WatchedWork.view(called);
    Map<String, String> model = watch.mailModel(execution);
    execution.setVariable(WatchVariables.DUE_DATE_TEXT, model.get(WatchVariables.DUE_DATE_TEXT));
    execution.setVariable(WatchVariables.DAYS_OVERDUE, Integer.valueOf(model.get(WatchVariables.DAYS_OVERDUE)));
    notifier.notice(MailKind.INTERVIEW_NOTICE, execution).putAll(model)
        .send(Recipients.distinct(recipients.groupMembers(interviewGroup, execution.getTenantId()),
            List.of(recipients.unitContact((String) execution.getVariable(KeyTaskVariables.LEAD_UNIT_ID)))),
            to -> DeadlineWatch.key(execution, "interview", to.userId()));
  }
}
