package org.campaigndesk.reminder;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.MailService;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** 逾期通知: to the lead unit, the lead leaders and the coordinators. */
@Component("sendOverdueNotice")
public class SendOverdueNotice implements JavaDelegate {

  private final DeadlineWatch watch;
  private final MailService mail;
  private final Recipients recipients;

  public SendOverdueNotice(DeadlineWatch watch, MailService mail, Recipients recipients) {
    this.watch = watch;
    this.mail = mail;
    this.recipients = recipients;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (watch.wasOverdueAtImport(execution)) {
      // The plan came in after this deadline: its units got one notice listing all such tasks at import.
      return;
    }
    Map<String, String> model = watch.mailModel(execution);
    List<Recipient> unitAndLeaders = recipients.leadUnitAndLeaders((String) execution.getVariable(KeyTaskVariables.LEAD_UNIT_ID),
        KeyTaskVariables.splitIds(execution.getVariable(KeyTaskVariables.LEAD_LEADER_IDS)));
    for (Recipient to : Recipients.distinct(unitAndLeaders, recipients.groupMembers(IdentitySync.COORDINATORS, execution.getTenantId()))) {
      model.put("recipientName", to.name());
      mail.send(DeadlineWatch.key(execution, "overdue", to.userId()), MailKind.OVERDUE, to, model,
          execution.getProcessInstanceId());
    }
  }
}
