package org.campaigndesk.task;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.campaigndesk.kernel.InstanceLocks;
import org.springframework.stereotype.Component;

/**
 * Whether a report opening is the first of its period in the key task (gateway after the report's
 * message start event). A report can be opened by the plan's calendar and by the key task's own job
 * after assignment: both may run, for a key task assigned while the calendar announces, and the second
 * opens nothing. Two openings at the same moment conflict on the key task (one is rolled back and,
 * run again, finds the first).
 */
@Component("reportOpenings")
public class ReportOpenings {

  private final HistoryService historyService;

  public ReportOpenings(HistoryService historyService) {
    this.historyService = historyService;
  }

  /** The month's progress report (the month the opening names, see {@link ProgressReports#openingMonth}) has not been opened in this key task. */
  public boolean firstOfMonth(DelegateExecution opening) {
    InstanceLocks.claim(opening);
    String month = ProgressReports.openingMonth(opening).toString();
    return !openedBefore(opening, List.of("SubProcess_MonthlyReport", "SubProcess_MonthlyReportWork"), ProgressReports.REPORT_MONTH, month);
  }

  /** The quarterly report due on {@code isoDate} has not been opened in this key task. */
  public boolean firstQuarterly(DelegateExecution opening, String isoDate) {
    InstanceLocks.claim(opening);
    return !openedBefore(opening, List.of("SubProcess_QuarterlyReport"), KeyTaskReviews.QUARTERLY_REPORT_DATE, isoDate);
  }

  /** The key task's half-year summary has not been opened before (it has one summary date). */
  public boolean firstSummary(DelegateExecution opening) {
    InstanceLocks.claim(opening);
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(opening.getProcessInstanceId())
        .activityId("SubProcess_SummaryWork").count() == 0;
  }

  /**
   * A report of the period was opened in this key task, running or done: history keeps the period's
   * variable of the report's scopes ({@code scopeActivityIds}) or of its task; the same name elsewhere
   * (a loop of dates in a definition from before) is no opening; this opening's own does not count.
   */
  private boolean openedBefore(DelegateExecution opening, List<String> scopeActivityIds, String variable, String value) {
    String instance = opening.getProcessInstanceId();
    // One query in the usual case (nothing of the period yet): the scopes are looked up only when needed.
    List<HistoricVariableInstance> values = historyService.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableValueEquals(variable, value).list();
    if (values.isEmpty()) {
      return false;
    }
    if (values.stream().anyMatch(v -> v.getTaskId() != null)) {
      return true;
    }
    Set<String> scopes = new HashSet<>();
    for (String activityId : scopeActivityIds) {
      historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(activityId).list()
          .forEach(scope -> scopes.add(scope.getId()));
    }
    scopes.remove(opening.getActivityInstanceId());
    scopes.remove(opening.getParentActivityInstanceId());
    return values.stream().anyMatch(v -> scopes.contains(v.getActivityInstanceId()));
  }
}
