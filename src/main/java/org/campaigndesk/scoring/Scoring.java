package org.campaigndesk.scoring;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.task.DueDates;
import org.springframework.stereotype.Component;

/**
 * Expressions of the {@code quarterly-scoring} process: its quarters, when each is scored, the
 * appeal deadline and the units that may appeal.
 */
@Component("scoring")
public class Scoring {

  public static final String PROCESS_KEY = "quarterly-scoring";
  public static final String QUARTER = "quarter";
  public static final String QUARTERS = "scoredQuarters";
  public static final String QUARTER_LABEL = "quarterLabel";
  public static final String APPEAL_UNIT_IDS = "appealUnitIds";
  /** When the appeal window closes; due dates are named {@code <step>Due} (a Date) and {@code <step>DueText} (as shown). */
  public static final String APPEAL_DUE = "appealDue";
  public static final String APPEAL_DUE_TEXT = "appealDueText";
  public static final String RED_LIST_TEXT = "redListText";
  public static final String BLACK_LIST_TEXT = "blackListText";
  /** A quarter is scored at 01:00 on the day after it ends, in the plan's time zone. */
  static final int SCORING_HOUR = 1;

  private final ScoreEvents events;
  private final ScoringProperties rules;

  public Scoring(ScoreEvents events, ScoringProperties rules) {
    this.events = events;
    this.rules = rules;
  }

  /**
   * The quarters the process scores, fixed when it starts ({@link ScoringStarter}): its loop reads them
   * again for every quarter (as did the sequential multi-instance of earlier versions, whose collection
   * this is), so they must not change as time passes.
   */
  public List<String> quarters(VariableScope scope) {
    return JsonLists.read(scope.getVariable(QUARTERS));
  }

  /**
   * The quarters of the plan's years not yet over on {@code today} (a plan imported mid-year is not
   * scored for the past; a plan over several years is scored in each).
   */
  public static List<String> quartersFrom(List<Integer> years, LocalDate today) {
    List<String> out = new ArrayList<>();
    for (int year : years) {
      for (int q = 1; q <= 4; q++) {
        Quarter quarter = new Quarter(year, q);
        if (!quarter.end().isBefore(today)) {
          out.add(quarter.toString());
        }
      }
    }
    return out;
  }

  /**
   * Whether a quarter is left to score: the process scores its quarters in a loop, one at a time, the
   * quarter in hand kept as {@link #QUARTER} (none before the first).
   */
  public boolean quarterAhead(VariableScope scope) {
    return quarterAfter(scope) != null;
  }

  /**
   * Taking the flow into the quarter's timer: the next of the fixed quarters becomes the quarter in hand,
   * which its timer, its scores and its appeals read. Set here, not in the timer's expression, so that a
   * timer whose date is evaluated again waits for the same quarter.
   */
  public void takeNextQuarter(DelegateExecution execution) {
    String next = quarterAfter(execution);
    if (next == null) {
      throw new IllegalStateException("no quarter left to score");
    }
    execution.setVariable(QUARTER, next);
  }

  private String quarterAfter(VariableScope scope) {
    List<String> quarters = quarters(scope);
    Object current = scope.getVariable(QUARTER);
    if (current == null) {
      return quarters.isEmpty() ? null : quarters.get(0);
    }
    int at = quarters.indexOf(current.toString());
    return at >= 0 && at + 1 < quarters.size() ? quarters.get(at + 1) : null;
  }

  public Date scoredAt(VariableScope scope, String quarter) {
    ZoneId zone = DueDates.zone(scope);
    return Date.from(Quarter.parse(quarter).end().plusDays(1).atTime(SCORING_HOUR, 0).atZone(zone).toInstant());
  }

  /** The end of the N-th working day after today. */
  public Date appealDue(VariableScope scope) {
    ZoneId zone = DueDates.zone(scope);
    return DueDates.endOfDay(appealLastDay(scope), zone);
  }

  public LocalDate appealLastDay(VariableScope scope) {
    return events.calendar().plusWorkingDays(DueDates.today(DueDates.zone(scope)), rules.appealWorkingDays());
  }

  public String appealDueText(VariableScope scope) {
    return ChineseDates.format(appealLastDay(scope));
  }

  public List<String> appealUnits(VariableScope scope) {
    return JsonLists.read(scope.getVariable(APPEAL_UNIT_IDS));
  }
}
