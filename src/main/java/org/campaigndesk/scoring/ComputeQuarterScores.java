package org.campaigndesk.scoring;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * The quarter's end: every unit's lines from the quarter's events, stored; the red and black lists;
 * the units with deductions, who may appeal, and until when.
 */
@Component("computeQuarterScores")
public class ComputeQuarterScores implements JavaDelegate {

  private final ScoreEvents events;
  private final ScoreRepository scores;
  private final ScoringProperties rules;
  private final Scoring scoring;

  public ComputeQuarterScores(ScoreEvents events, ScoreRepository scores, ScoringProperties rules,
      Scoring scoring) {
    this.events = events;
    this.scores = scores;
    this.rules = rules;
    this.scoring = scoring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String planId = (String) execution.getVariable(KeyTaskVariables.PLAN_ID);
    PlanFacts plan = PlanFacts.of(execution);
    Quarter quarter = Quarter.parse((String) execution.getVariable(Scoring.QUARTER));
    Date now = Clocks.now();
    List<ScoreLine> computed = QuarterScoring.lines(planId, execution.getTenantId(), quarter,
        events.collect(planId, quarter, plan.zone(), now), rules);
    List<ScoreLine> stored = scores.replaceQuarter(planId, quarter.toString(), computed, Instant.ofEpochMilli(now.getTime()));

    QuarterScoring.Lists lists = QuarterScoring.lists(QuarterScoring.totals(plan.unitNames(), stored), rules.listSize());
    String red = QuarterScoring.render(lists.red());
    String black = QuarterScoring.render(lists.black());
    scores.recordQuarter(planId, quarter.toString(), execution.getTenantId(), Instant.ofEpochMilli(now.getTime()), red, black);

    List<String> appealUnits = stored.stream().filter(l -> l.points() < 0 && l.rule() != ScoreRule.CAP)
        .map(ScoreLine::unitId).distinct().toList();
    execution.setVariable(Scoring.QUARTER_LABEL, quarter.label());
    execution.setVariable(Scoring.RED_LIST_TEXT, red);
    execution.setVariable(Scoring.BLACK_LIST_TEXT, black);
    execution.setVariable(Scoring.APPEAL_UNIT_IDS, JsonLists.of(appealUnits));
    execution.setVariable(Scoring.APPEAL_DUE, scoring.appealDue(execution));
    execution.setVariable(Scoring.APPEAL_DUE_TEXT, scoring.appealDueText(execution));
  }
}
