package org.campaigndesk.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.MailService;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Publishes the quarter (红榜、黑榜) to every unit of the plan by mail, each with its own lines. */
@Component("publishQuarterScores")
public class PublishQuarterScores implements JavaDelegate {

  private final PlanRepository plans;
  private final ScoreRepository scores;
  private final MailService mail;
  private final Recipients recipients;
  private final String tasklistUrl;
  private final String ledgerUrl;

  public PublishQuarterScores(PlanRepository plans, ScoreRepository scores, MailService mail, Recipients recipients,
      CampaignDeskProperties properties, ScoringProperties rules) {
    this.plans = plans;
    this.scores = scores;
    this.mail = mail;
    this.recipients = recipients;
    this.tasklistUrl = properties.mail().tasklistUrl();
    this.ledgerUrl = rules.ledgerUrl();
  }

  @Override
  public void execute(DelegateExecution execution) {
    String planId = (String) execution.getVariable(KeyTaskVariables.PLAN_ID);
    Plan plan = plans.load(planId);
    String quarter = (String) execution.getVariable(Scoring.QUARTER);
    List<ScoreLine> lines = scores.quarter(planId, quarter);
    for (Plan.Unit unit : plan.units()) {
      List<ScoreLine> own = lines.stream().filter(l -> l.unitId().equals(unit.id())).toList();
      int total = own.stream().filter(ScoreLine::counts).mapToInt(ScoreLine::points).sum();
      Recipient to = recipients.unitContact(unit.id());
      Map<String, String> model = new LinkedHashMap<>();
      model.put("recipientName", unit.name());
      model.put(KeyTaskVariables.PLAN_TITLE, plan.info().title());
      model.put(Scoring.QUARTER_LABEL, (String) execution.getVariable(Scoring.QUARTER_LABEL));
      model.put(Scoring.RED_LIST_TEXT, (String) execution.getVariable(Scoring.RED_LIST_TEXT));
      model.put(Scoring.BLACK_LIST_TEXT, (String) execution.getVariable(Scoring.BLACK_LIST_TEXT));
      model.put("unitTotal", (total > 0 ? "+" : "") + total);
      model.put("unitLinesText", own.isEmpty() ? "本季度无加分、扣分事项。"
          : String.join("\n", own.stream().map(QuarterScoring::render).toList()));
      model.put(Scoring.APPEAL_DEADLINE_TEXT, (String) execution.getVariable(Scoring.APPEAL_DEADLINE_TEXT));
      model.put("link", tasklistUrl);
      model.put("ledgerLink", ledgerUrl);
      mail.send("score/" + planId + "/" + quarter + "/" + unit.id(), MailKind.SCORE_PUBLISHED, to, model,
          execution.getProcessInstanceId());
    }
  }
}
