package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Notifier;
import org.campaigndesk.mail.Recipients;
import org.springframework.stereotype.Component;

/** 交办通知: tells a key task's (new) lead unit and its leaders that the work is theirs now. */
@Component("notifyLeadUnit")
public class NotifyLeadUnit implements JavaDelegate {

  private final Notifier notifier;
  private final Recipients recipients;

  public NotifyLeadUnit(Notifier notifier, Recipients recipients) {
    this.notifier = notifier;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reason = execution.getVariable(LeadUnitChange.REASON);
    // One mail per hand-over: a later change to another unit (or back) mails again.
    String handOver = execution.getActivityInstanceId();
    notifier.notice(MailKind.LEAD_UNIT_ASSIGNED, execution)
        .variables(execution, TASK_LABEL, LEAD_UNIT_NAME, DEADLINE_TEXT, PLAN_TITLE, LEAD_LEADER_NAMES, TASK_DESCRIPTION)
        .put("reasonText", reason == null || reason.toString().isBlank() ? "" : "调整原因：" + reason)
        .send(recipients.leadUnitAndLeaders(execution),
            to -> execution.getProcessInstanceId() + "/lead-unit/" + handOver + "/" + to.userId());
  }
}
