package org.campaigndesk.scoring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records the coordinator's decision on the appealed lines: an approved appeal removes them from the total, a refused one upholds them. */
@Component("applyAppealDecision")
public class ApplyAppealDecision implements JavaDelegate {

  private final ScoreRepository scores;

  public ApplyAppealDecision(ScoreRepository scores) {
    this.scores = scores;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object decidedBy = execution.getVariable(ScoreAppeal.APPEAL_DECIDED_BY);
    scores.decide(ScoreAppeal.lineIds(execution.getVariable(ScoreAppeal.APPEAL_LINE_IDS)),
        (String) execution.getVariable(ScoreAppeal.APPEAL_DECISION),
        (String) execution.getVariable(ScoreAppeal.APPEAL_DECISION_REASON),
        decidedBy == null || decidedBy.toString().isBlank() ? null : decidedBy.toString());
  }
}
