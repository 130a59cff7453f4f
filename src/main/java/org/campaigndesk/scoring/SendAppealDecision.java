package org.campaigndesk.scoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.kernel.Decisions;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.mail.Notifier;
import org.springframework.stereotype.Component;

/** Tells the unit how its appeal was decided, and why. */
@Component("sendAppealDecision")
public class SendAppealDecision implements JavaDelegate {

  private final Notifier notifier;
  private final Recipients recipients;
  private final String ledgerUrl;

  public SendAppealDecision(Notifier notifier, Recipients recipients, ScoringProperties rules) {
    this.notifier = notifier;
    this.recipients = recipients;
    this.ledgerUrl = rules.ledgerUrl();
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean accepted = Decisions.APPROVE.equals(execution.getVariable(ScoreAppeal.APPEAL_DECISION));
    String unitId = (String) execution.getVariable(ScoreAppeal.APPEAL_UNIT);
    notifier.notice(MailKind.APPEAL_DECISION, execution)
        .put("recipientName", (String) execution.getVariable(ScoreAppeal.APPEAL_UNIT_NAME))
        .put(Scoring.QUARTER_LABEL, (String) execution.getVariable(Scoring.QUARTER_LABEL))
        .put("decision", accepted ? "成立" : "不成立")
        .put(ScoreAppeal.APPEALED_LINES_TEXT, (String) execution.getVariable(ScoreAppeal.APPEALED_LINES_TEXT))
        .put(ScoreAppeal.APPEAL_REASON, (String) execution.getVariable(ScoreAppeal.APPEAL_REASON))
        .put("decisionReason", (String) execution.getVariable(ScoreAppeal.APPEAL_DECISION_REASON))
        .put("outcome", accepted ? "上述条目已从本单位得分中撤销。" : "上述条目维持不变。")
        .put("ledgerLink", ledgerUrl)
        .put(KeyTaskVariables.PLAN_TITLE, (String) execution.getVariable(KeyTaskVariables.PLAN_TITLE))
        .send(recipients.unitContact(unitId), "appeal/" + execution.getVariable(KeyTaskVariables.PLAN_ID) + "/"
            + execution.getVariable(Scoring.QUARTER) + "/" + unitId);
  }
}
