package org.campaigndesk.scoring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.MailService;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Tells the unit how its appeal was decided, and why. */
@Component("sendAppealDecision")
public class SendAppealDecision implements JavaDelegate {

  private final MailService mail;
  private final Recipients recipients;
  private final String ledgerUrl;

  public SendAppealDecision(MailService mail, Recipients recipients, ScoringProperties rules) {
    this.mail = mail;
    this.recipients = recipients;
    this.ledgerUrl = rules.ledgerUrl();
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean accepted = "accept".equals(execution.getVariable(ScoreAppeal.APPEAL_DECISION));
    String unitId = (String) execution.getVariable(ScoreAppeal.APPEAL_UNIT);
    Recipient to = recipients.unitContact(unitId);
    Map<String, String> model = new LinkedHashMap<>();
    model.put("recipientName", (String) execution.getVariable(ScoreAppeal.APPEAL_UNIT_NAME));
    model.put(Scoring.QUARTER_LABEL, (String) execution.getVariable(Scoring.QUARTER_LABEL));
    model.put("decision", accepted ? "成立" : "不成立");
    model.put(ScoreAppeal.APPEALED_LINES_TEXT, (String) execution.getVariable(ScoreAppeal.APPEALED_LINES_TEXT));
    model.put(ScoreAppeal.APPEAL_REASON, (String) execution.getVariable(ScoreAppeal.APPEAL_REASON));
    model.put("decisionReason", (String) execution.getVariable(ScoreAppeal.APPEAL_DECISION_REASON));
    model.put("outcome", accepted ? "上述条目已从本单位得分中撤销。" : "上述条目维持不变。");
    model.put("ledgerLink", ledgerUrl);
    model.put(KeyTaskVariables.PLAN_TITLE, (String) execution.getVariable(KeyTaskVariables.PLAN_TITLE));
    mail.send("appeal/" + execution.getVariable(KeyTaskVariables.PLAN_ID) + "/" + execution.getVariable(Scoring.QUARTER) + "/"
        + unitId, MailKind.APPEAL_DECISION, to, model, execution.getProcessInstanceId());
  }
}
