package org.campaigndesk.scoring;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
   * The quarters the process scores, fixed when it starts ({@link ScoringStarter}): a sequential
   * multi-instance evaluates its collection again for every instance, so it must not change as time passes.
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
