package org.campaigndesk.scoring;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * The year's scores for the annual summary (年度工作总结, and a several-year plan's 年度工作小结): each unit's total over the year's
 * quarters, with the quarters it includes. A quarter not scored yet (the fourth, when the summary
 * opens at midnight on 31 December) is counted as computed now and marked provisional.
 */
@Component("annualScores")
public class AnnualScores implements TaskListener {

  public static final String SCORE_TOTALS_TEXT = "scoreTotalsText";

  private final ScoreRepository scores;
  private final ScoreEvents events;
  private final ScoringProperties rules;

  public AnnualScores(ScoreRepository scores, ScoreEvents events, ScoringProperties rules) {
    this.scores = scores;
    this.events = events;
    this.rules = rules;
  }

  /** Create listener of the year's summary: the year closed by an earlier year's summary ("2019年"), else the plan's last year. */
  @Override
  public void notify(DelegateTask task) {
    String planId = (String) task.getVariable(KeyTaskVariables.PLAN_ID);
    Object yearLabel = task.getVariable("summaryYearLabel");
    PlanFacts plan = PlanFacts.of(task);
    int year = yearLabel == null ? plan.year() : Integer.parseInt(yearLabel.toString().replace("年", "").trim());
    task.setVariableLocal(SCORE_TOTALS_TEXT, text(plan, year));
  }

  String text(PlanFacts plan, int year) {
    String planId = plan.planId();
    Set<String> scored = scores.scoredQuarters(planId).stream().map(ScoreRepository.ScoredQuarter::quarter)
        .collect(Collectors.toSet());
    String yearPrefix = year + "-Q";
    List<ScoreLine> lines = new ArrayList<>(scores.plan(planId).stream().filter(l -> l.quarter().startsWith(yearPrefix)).toList());
    List<String> included = new ArrayList<>();
    Date now = Clocks.now();
    for (int q = 1; q <= 4; q++) {
      Quarter quarter = new Quarter(year, q);
      if (scored.contains(quarter.toString())) {
        included.add(quarter.label());
      } else if (!quarter.start().isAfter(java.time.LocalDate.ofInstant(now.toInstant(), plan.zone()))) {
        lines.addAll(QuarterScoring.lines(planId, null, quarter, events.collect(planId, quarter, plan.zone(), now), rules));
        included.add(quarter.label() + "（尚未发布，按当前情况预计）");
      }
    }
    List<QuarterScoring.UnitTotal> totals = QuarterScoring.totals(plan.unitNames(), lines);
    StringBuilder s = new StringBuilder("计入：").append(included.isEmpty() ? "无" : String.join("、", included)).append('\n');
    for (QuarterScoring.UnitTotal t : totals) {
      s.append(t.unitName()).append("：").append(t.total() > 0 ? "+" : "").append(t.total()).append("分\n");
    }
    return s.toString().trim();
  }
}
