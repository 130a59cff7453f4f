package org.campaigndesk.task;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.plan.Deadline;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanRepository;
import org.springframework.stereotype.Component;

/**
 * The plan's review calendar ({@code review-calendar}, one instance per plan): the quarterly report
 * dates and the half-year summary dates still ahead, and, when one opens, the message that starts
 * the review in every key task of the plan being carried out. A key task therefore waits on no
 * timer of its own for its reviews.
 */
@Component("reviewCalendar")
public class ReviewCalendar {

  public static final String PROCESS_KEY = "review-calendar";
  public static final String QUARTERLY_MESSAGE = "QuarterlyReportDue";
  public static final String SUMMARY_MESSAGE = "HalfYearSummaryDue";

  private final PlanRepository plans;
  private final RuntimeService runtimeService;
  private final KeyTaskReviews reviews;

  public ReviewCalendar(PlanRepository plans, RuntimeService runtimeService, KeyTaskReviews reviews) {
    this.plans = plans;
    this.runtimeService = runtimeService;
    this.reviews = reviews;
  }

  /** The dates the calendar waits for, fixed once when it starts (a sequential loop reads its list again for each date). */
  public static final String QUARTERLY_REPORT_DATES = "quarterlyReportDates";
  public static final String SUMMARY_DATES = "summaryDates";

  /**
   * Set when a calendar is started for key tasks that opened their reviews themselves until then (the
   * upgrade from per-key-task review timers): only openings after it are announced, earlier ones were.
   */
  public static final String OPENINGS_AFTER = "reviewOpeningsAfter";

  /** Start listener: the dates still ahead at the plan's import, as comma-separated ISO dates. */
  public void fixDates(DelegateExecution calendar) {
    calendar.setVariable(QUARTERLY_REPORT_DATES, String.join(",", quarterlyDates(calendar)));
    calendar.setVariable(SUMMARY_DATES, String.join(",", summaryDates(calendar)));
  }

  /** Starts a calendar for a plan imported before plans had one (see {@link KeyTaskUpgrade}). */
  public void startFor(String planId, String planTitle, String planTimezone, String regionId) {
    runtimeService.startProcessInstanceByKey(PROCESS_KEY, planId, org.camunda.bpm.engine.variable.Variables.createVariables()
        .putValue(KeyTaskVariables.PLAN_ID, planId)
        .putValue(KeyTaskVariables.PLAN_TITLE, planTitle)
        .putValue(KeyTaskVariables.PLAN_TIMEZONE, planTimezone)
        .putValue(org.campaigndesk.kernel.RegionTenants.REGION_ID, regionId)
        .putValue(OPENINGS_AFTER, Clocks.now()));
  }

  public boolean hasCalendar(String planId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId).count() > 0;
  }

  public List<String> split(Object dates) {
    return KeyTaskVariables.splitIds(dates);
  }

  /** The plan's quarterly report dates whose day has not passed, as ISO dates. */
  public List<String> quarterlyDates(DelegateExecution calendar) {
    return ahead(calendar, plan(calendar).progressReportDates().stream());
  }

  /** The distinct half-year summary dates of the plan's key tasks whose day has not passed. */
  public List<String> summaryDates(DelegateExecution calendar) {
    return ahead(calendar, plan(calendar).tasks().stream()
        .map(Plan.KeyTask::deadline).filter(Objects::nonNull)
        .map(Deadline::summaryDate).flatMap(Optional::stream));
  }

  /** Opens the quarterly report due on {@code isoDate} in every key task of the plan being carried out. */
  public int openQuarterly(DelegateExecution calendar, String isoDate) {
    return runtimeService.createMessageCorrelation(QUARTERLY_MESSAGE)
        .processInstanceVariableEquals(KeyTaskVariables.PLAN_ID, planId(calendar))
        .setVariableToTriggeredScope(KeyTaskReviews.QUARTERLY_REPORT_DATE, isoDate)
        .correlateAllWithResult().size();
  }

  /** Opens the half-year summary due on {@code isoDate} in the plan's key tasks whose summary falls on it. */
  public int openSummaries(DelegateExecution calendar, String isoDate) {
    return runtimeService.createMessageCorrelation(SUMMARY_MESSAGE)
        .processInstanceVariableEquals(KeyTaskVariables.PLAN_ID, planId(calendar))
        .processInstanceVariableEquals(KeyTaskReviews.SUMMARY_DATE, isoDate)
        .correlateAllWithResult().size();
  }

  private List<String> ahead(VariableScope calendar, java.util.stream.Stream<LocalDate> dates) {
    Date now = Clocks.now();
    Date openingsAfter = (Date) calendar.getVariable(OPENINGS_AFTER);
    return dates.map(LocalDate::toString).distinct().sorted()
        .filter(date -> !reviews.dueAt(calendar, date).before(now))
        .filter(date -> openingsAfter == null || reviews.openingOf(calendar, date).after(openingsAfter))
        .toList();
  }

  private Plan plan(VariableScope calendar) {
    return plans.load(planId(calendar));
  }

  private static String planId(VariableScope calendar) {
    return (String) calendar.getVariable(KeyTaskVariables.PLAN_ID);
  }
}
