package org.campaigndesk.task;

import java.time.YearMonth;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.kernel.Timers;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.reminder.WatchVariables;
import org.springframework.stereotype.Component;

/**
 * The monthly progress report (月度进展报告): opened on the first of every month while the key
 * task is being carried out (and at assignment, when that month's due day has not passed), due on the configured day of that month. The BPMN timer takes its
 * cycle from {@link #cycle}; {@link #open} fixes the month and due date; the task's create listener
 * names the month.
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
  /** The start event of the monthly report's event subprocess (a timer cycle). */
  static final String MONTHLY_TIMER = "StartEvent_MonthlyReportDue";

  private final int reportDay;

  public ProgressReports(CampaignDeskProperties properties) {
    this.reportDay = properties.progressReportDay();
  }

  /**
   * An ISO 8601 repeating interval starting on the next first of a month, in the plan's zone, so the
   * timer fires on the first of each month whatever the server's zone is.
   */
  public String cycle(VariableScope scope) {
    return DueDates.monthlyCycle(scope, 1, OPENING_HOUR);
  }

  /**
   * At assignment (the key task's work starts): when this month's report is not yet past its due
   * day, this month's report opens now instead of on the first of next month; the monthly timer
   * then goes on from the first of next month as usual.
   */
  public void openAtAssignment(DelegateExecution execution) {
    if (DueDates.today(DueDates.zone(execution)).getDayOfMonth() <= reportDay) {
      Timers.dueNow(execution, MONTHLY_TIMER);
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
    scope.setVariableLocal(REPORT_DUE_DATE, DueDates.endOfDay(month.atDay(reportDay), zone));
    scope.setVariableLocal(WatchVariables.OVERDUE, false);
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
