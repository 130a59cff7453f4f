package org.campaigndesk.scoring;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.mail.Notifier;
import org.springframework.stereotype.Component;

/** Publishes the quarter (红榜、黑榜) to every unit of the plan by mail, each with its own lines. */
@Component("publishQuarterScores")
public class PublishQuarterScores implements JavaDelegate {

  private final ScoreRepository scores;
  private final Notifier notifier;
  private final Recipients recipients;
  private final String ledgerUrl;

  public PublishQuarterScores(ScoreRepository scores, Notifier notifier, Recipients recipients,
      ScoringProperties rules) {
    this.scores = scores;
    this.notifier = notifier;
    this.recipients = recipients;
    this.ledgerUrl = rules.ledgerUrl();
  }

  @Override
  public void execute(DelegateExecution execution) {
    String planId = (String) execution.getVariable(KeyTaskVariables.PLAN_ID);
    PlanFacts plan = PlanFacts.of(execution);
    String quarter = (String) execution.getVariable(Scoring.QUARTER);
    List<ScoreLine> lines = scores.quarter(planId, quarter);
    for (PlanFacts.Unit unit : plan.units()) {
      List<ScoreLine> own = lines.stream().filter(l -> l.unitId().equals(unit.id())).toList();
      int total = own.stream().filter(ScoreLine::counts).mapToInt(ScoreLine::points).sum();
      notifier.notice(MailKind.SCORE_PUBLISHED, execution)
          .put("recipientName", unit.name())
          .put(KeyTaskVariables.PLAN_TITLE, plan.title())
          .put(Scoring.QUARTER_LABEL, (String) execution.getVariable(Scoring.QUARTER_LABEL))
          .put(Scoring.RED_LIST_TEXT, (String) execution.getVariable(Scoring.RED_LIST_TEXT))
          .put(Scoring.BLACK_LIST_TEXT, (String) execution.getVariable(Scoring.BLACK_LIST_TEXT))
          .put("unitTotal", (total > 0 ? "+" : "") + total)
          .put("unitLinesText", own.isEmpty() ? "本季度无加分、扣分事项。"
              : String.join("\n", own.stream().map(QuarterScoring::render).toList()))
          .put(Scoring.APPEAL_DUE_TEXT, (String) execution.getVariable(Scoring.APPEAL_DUE_TEXT))
          .put("ledgerLink", ledgerUrl)
          .send(recipients.unitContact(unit.id()), "score/" + planId + "/" + quarter + "/" + unit.id());
    }
  }
}
