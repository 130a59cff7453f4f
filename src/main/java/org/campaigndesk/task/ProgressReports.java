package org.campaigndesk.task;

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
import org.campaigndesk.reminder.WatchVariables;
import org.springframework.stereotype.Component;

/**
 * The monthly progress report (月度进展报告): opened on the first of every month while the key
 * task is being carried out, by the plan's review calendar ({@link ReviewCalendar#openMonthly}), and
 * at assignment when that month's due day has not passed; due on the configured day of that month.
 * {@link #open} fixes the month and due date; the task's create listener names the month.
 */
@Component("progressReports")
public class ProgressReports implements TaskListener {

  public static final String REPORT_MONTH = "reportMonth";
  public static final String REPORT_MONTH_LABEL = "reportMonthLabel";
  public static final String REPORT_DUE_DATE = "reportDueDate";
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

  private static ZonedDateTime openingOf(YearMonth month, ZoneId zone) {
    return month.atDay(1).atTime(OPENING_HOUR, 0).atZone(zone);
  }

  /**
   * At assignment (the key task's work starts): when this month's report is not yet past its due
   * day, this month's report opens now (by the calendar's message, in a job after this transaction)
   * instead of on the first of next month. Before this month's opening hour on the first the
   * calendar is still to announce it, and does; within the hour before it, this transaction may
   * commit after the calendar's job read the key tasks, so the key task checks at the opening hour
   * too (a second opening opens nothing, {@link ReportOpenings}).
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
    if (DueDates.today(zone).getDayOfMonth() <= reportDay && !opening.isAfter(now.plus(ReviewCalendar.ASSIGNMENT_OVERLAP))) {
      deferredJobs.schedule(ReviewOpening.TYPE, ReviewOpening.configuration(execution.getProcessInstanceId(),
          ReviewCalendar.MONTHLY_MESSAGE, month.toString(), zone), execution.getProcessInstanceId(), execution.getTenantId(),
          opening.isAfter(now) ? Date.from(opening) : null);
    }
  }

  /**
   * Opens one month's report (execution listener on the report's scope): the month and the due date
   * are fixed here, before the task and its deadline watch are created from them.
   */
  public void open(DelegateExecution scope) {
    ZoneId zone = DueDates.zone(scope);
    YearMonth month = YearMonth.from(DueDates.today(zone));
    scope.setVariableLocal(REPORT_MONTH, month.toString());
    scope.setVariableLocal(REPORT_MONTH_LABEL, ChineseDates.format(month));
    scope.setVariableLocal(REPORT_DUE_DATE, dueDate(scope));
    scope.setVariableLocal(WatchVariables.OVERDUE, false);
  }

  /** The due date of the month's report opening now (the report day's end); also for the timer that starts its watch. */
  public Date dueDate(VariableScope scope) {
    ZoneId zone = DueDates.zone(scope);
    return DueDates.endOfDay(YearMonth.from(DueDates.today(zone)).atDay(reportDay), zone);
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
