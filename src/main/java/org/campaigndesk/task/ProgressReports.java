package org.campaigndesk.task;

import org.campaigndesk.kernel.DuringRun;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Date;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.DeferredJobs;
import org.campaigndesk.kernel.Timers;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.reminder.WatchVariables;
import org.springframework.stereotype.Component;

/**
 * The monthly progress report (月度进展报告): opened on the first of every month of the plan's span
 * while the key task is being carried out, by the plan's review calendar ({@link ReviewCalendar#openMonthly}),
 * and at assignment when that month's due day has not passed (and the span has begun); due on the
 * configured day of that month.
 * {@link #open} fixes the month and due date; the task's create listener names the month.
 */
@Component("progressReports")
public class ProgressReports implements TaskListener {

  public static final String REPORT_MONTH = "reportMonth";
  public static final String REPORT_MONTH_LABEL = "reportMonthLabel";
  public static final String REPORT_DUE_DATE = "reportDueDate";
  /**
   * The month the opening running on this thread names ({@link ReviewOpening}): the report scope that
   * its message starts reads it in the same command. Not a variable of the scope: reportMonth keeps
   * the month, and a copy would cost a month's opening a row, its history and its change log.
   */
  private static final DuringRun<YearMonth> OPENING = new DuringRun<>();

  /** Runs {@code correlation} (the message that opens a month's report) as the opening of {@code month}. */
  static void opening(YearMonth month, Runnable correlation) {
    OPENING.run(month, correlation);
  }
  /** The report form's fields, kept on each month's task so every month's report stays in history. */
  static final String[] REPORT_FIELDS = {"progressThisMonth", "problems", "nextMonthPlan", "percentComplete"};
  /** Reports open at 08:00 local time, the start of a working day. */
  static final int OPENING_HOUR = 8;
  /** The monthly timer's start event in definitions from before the calendar announced the months. */
  static final String OLD_MONTHLY_TIMER = "StartEvent_MonthlyReportDue";

  private final int reportDay;
  private final DeferredJobs deferredJobs;

  public ProgressReports(CampaignDeskProperties properties, DeferredJobs deferredJobs) {
    this.reportDay = properties.progressReportDay();
    this.deferredJobs = deferredJobs;
  }

  /**
   * The monthly timer cycle of key tasks on definitions from before the calendar announced the
   * months, until {@link KeyTaskUpgrade} moves them: an ISO 8601 repeating interval from the next first
   * of a month, 08:00 in the plan's zone.
   */
  public String cycle(VariableScope scope) {
    return DueDates.monthlyCycle(scope, 1, OPENING_HOUR);
  }

  /** The first opening after {@code now}: the next first of a month at 08:00 in the plan's zone, whatever the server's zone. */
  static Date nextOpening(ZoneId zone, Instant now) {
    ZonedDateTime thisMonth = openingOf(YearMonth.from(now.atZone(zone)), zone);
    return Date.from((thisMonth.toInstant().isAfter(now) ? thisMonth : openingOf(YearMonth.from(now.atZone(zone)).plusMonths(1), zone)).toInstant());
  }

  /** When a month's reports open: its first day, 08:00 in the plan's zone. */
  static ZonedDateTime openingOf(YearMonth month, ZoneId zone) {
    return month.atDay(1).atTime(OPENING_HOUR, 0).atZone(zone);
  }

  /**
   * The month the plan's calendar opens next. Its first: the month of the next first of a month (as
   * ever), or the plan's first month when that is later (a plan imported before its span opens nothing
   * before it). After it opened {@code lastOpened}: the month after (due at once when the calendar ran
   * late into it), or this month when that one has gone by too (the calendar stopped for longer; the
   * months between are not reported any more). Never before the plan's first month.
   *
   * @param firstMonth the plan's first month, or null when not known (no limit)
   * @param lastOpened the month the calendar opened last, or null before its first opening
   */
  static YearMonth nextMonth(YearMonth firstMonth, YearMonth lastOpened, ZoneId zone, Instant now) {
    YearMonth next;
    if (lastOpened == null) {
      next = YearMonth.from(nextOpening(zone, now).toInstant().atZone(zone));
    } else {
      YearMonth thisMonth = YearMonth.from(now.atZone(zone));
      next = lastOpened.plusMonths(1).isBefore(thisMonth) ? thisMonth : lastOpened.plusMonths(1);
    }
    return firstMonth != null && next.isBefore(firstMonth) ? firstMonth : next;
  }

  /**
   * Whether a month's opening that runs now still opens its month: one set for a month ahead (a timer
   * moved to now), this month or last month (a job run late, by hours or days) does; one for a month
   * gone by before that (a job stopped for longer) does not, that month is no longer reported.
   */
  static boolean stillOpens(YearMonth month, ZoneId zone, Instant now) {
    return !month.isBefore(YearMonth.from(now.atZone(zone)).minusMonths(1));
  }

  /**
   * The month the calendar's monthly opening opens when it runs now: the month its timer was set for
   * while that {@link #stillOpens}, else (no month kept, from an earlier version, or one long gone by)
   * this month, as the calendar always did.
   */
  static YearMonth monthToOpen(YearMonth timerMonth, ZoneId zone, Instant now) {
    return timerMonth != null && stillOpens(timerMonth, zone, now) ? timerMonth : YearMonth.from(now.atZone(zone));
  }

  /** Whether {@code month} lies before the plan's span (its first month; a plan not known has no limit). */
  static boolean beforeSpan(YearMonth month, VariableScope scope) {
    return PlanFacts.find(scope).flatMap(PlanFacts::firstMonth).filter(month::isBefore).isPresent();
  }

  /**
   * At assignment (the key task's work starts): when this month's report is not yet past its due
   * day, this month's report opens now (by the calendar's message, in a job after this transaction)
   * instead of on the first of next month. Before this month's opening hour on the first the
   * calendar is still to announce it, and does; within the hour before it, this transaction may
   * commit after the calendar's job read the key tasks, so the key task checks at the opening hour
   * too (a second opening opens nothing, {@link ReportOpenings}). A plan whose span has not begun
   * opens nothing: its first month's report comes from the calendar on that month's first.
   */
  public void openAtAssignment(DelegateExecution execution) {
    if (DueDates.today(DueDates.zone(execution)).getDayOfMonth() <= reportDay && Timers.dueNow(execution, OLD_MONTHLY_TIMER)) {
      // A key task on a definition from before (its own monthly timer), until KeyTaskUpgrade moves it: that timer fires now.
      return;
    }
    ZoneId zone = DueDates.zone(execution);
    Instant now = Clocks.instant();
    YearMonth month = YearMonth.from(now.atZone(zone));
    Instant opening = openingOf(month, zone).toInstant();
    if (DueDates.today(zone).getDayOfMonth() <= reportDay && !opening.isAfter(now.plus(ReviewCalendar.ASSIGNMENT_OVERLAP))
        && !beforeSpan(month, execution)) {
      deferredJobs.schedule(ReviewOpening.TYPE, ReviewOpening.configuration(execution.getProcessInstanceId(),
          ReviewCalendar.MONTHLY_MESSAGE, month.toString(), zone), execution.getProcessInstanceId(), execution.getTenantId(),
          opening.isAfter(now) ? Date.from(opening) : null);
    }
  }

  /**
   * The month of the report being opened ({@code scope} in the report's event subprocess): the one
   * the message names ({@link #opening}, the month the calendar's timer or the assignment was
   * for, however late its job runs), or, for a message that names none (a key task's own monthly
   * timer of an earlier definition, a job of an earlier version), the month of today in the plan's zone.
   */
  static YearMonth openingMonth(VariableScope scope) {
    YearMonth named = OPENING.get();
    return named != null ? named : YearMonth.from(DueDates.today(DueDates.zone(scope)));
  }

  /**
   * Opens one month's report (execution listener on the report's scope): the month and the due date
   * are fixed here, before the task and its deadline watch are created from them.
   */
  public void open(DelegateExecution scope) {
    YearMonth month = openingMonth(scope);
    scope.setVariableLocal(REPORT_MONTH, month.toString());
    scope.setVariableLocal(REPORT_MONTH_LABEL, ChineseDates.format(month));
    scope.setVariableLocal(REPORT_DUE_DATE, dueDate(scope));
    scope.setVariableLocal(WatchVariables.OVERDUE, false);
  }

  /** The due date of the month's report being opened (its report day's end); also for the timer that starts its watch. */
  public Date dueDate(VariableScope scope) {
    Object opened = scope.getVariable(REPORT_MONTH);
    YearMonth month = opened != null ? YearMonth.parse(opened.toString()) : openingMonth(scope);
    return DueDates.endOfDay(month.atDay(reportDay), DueDates.zone(scope));
  }

  @Override
  public void notify(DelegateTask task) {
    String month = (String) task.getVariable(REPORT_MONTH);
    // Also on the task itself, so that the month's report can be found in history by its task.
    task.setVariableLocal(REPORT_MONTH, month);
    task.setName(task.getName() + "（" + YearMonth.parse(month).getMonthValue() + "月）");
    for (String field : REPORT_FIELDS) {
      task.setVariableLocal(field, null);
    }
  }
}
