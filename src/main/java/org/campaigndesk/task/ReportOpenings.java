package org.campaigndesk.task;

import org.campaigndesk.kernel.DuringRun;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * A month's history of several key tasks read in one query ({@link #readingAhead}): per key task, its
   * values of the month's variable. Each key task's entry serves its first check only.
   */
  private record ReadAhead(String month, Map<String, List<HistoricVariableInstance>> values) {}

  private static final DuringRun<ReadAhead> READ_AHEAD = new DuringRun<>();

  /**
   * Runs {@code openings} (of {@code month} in {@code keyTasks}, on this thread, {@link MonthOpenings}) with the
   * month's history of all the key tasks read now in one query instead of one per key task. The caller
   * must have loaded the key tasks' instances in its command before: an opening committed after this
   * read changed the instance since, and this transaction's claim on it ({@link InstanceLocks}) fails.
   */
  void readingAhead(Collection<String> keyTasks, YearMonth month, Runnable openings) {
    Map<String, List<HistoricVariableInstance>> values = new HashMap<>();
    keyTasks.forEach(keyTask -> values.put(keyTask, new ArrayList<>()));
    if (!keyTasks.isEmpty()) {
      historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(keyTasks.toArray(String[]::new))
          .variableValueEquals(ProgressReports.REPORT_MONTH, month.toString()).list()
          .forEach(value -> values.computeIfAbsent(value.getProcessInstanceId(), keyTask -> new ArrayList<>()).add(value));
    }
    READ_AHEAD.run(new ReadAhead(month.toString(), values), openings);
  }

  /** The month's values read ahead for this key task (once: a second check in the same command queries), or null. */
  private static List<HistoricVariableInstance> readAhead(String instance, String month) {
    ReadAhead ahead = READ_AHEAD.get();
    return ahead == null || !ahead.month().equals(month) ? null : ahead.values().remove(instance);
  }

  /** The month's progress report (the month the opening names, see {@link ProgressReports#openingMonth}) has not been opened in this key task. */
  public boolean firstOfMonth(DelegateExecution opening) {
    InstanceLocks.claim(opening);
    String month = ProgressReports.openingMonth(opening).toString();
    return !openedBefore(opening, List.of("SubProcess_MonthlyReport", "SubProcess_MonthlyReportWork"), ProgressReports.REPORT_MONTH, month,
        readAhead(opening.getProcessInstanceId(), month));
  }

  /** The quarterly report due on {@code isoDate} has not been opened in this key task. */
  public boolean firstQuarterly(DelegateExecution opening, String isoDate) {
    InstanceLocks.claim(opening);
    return !openedBefore(opening, List.of("SubProcess_QuarterlyReport"), KeyTaskReviews.QUARTERLY_REPORT_DATE, isoDate, null);
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
   * {@code readAhead}: the values, read for several key tasks at once (null: queried here).
   */
  private boolean openedBefore(DelegateExecution opening, List<String> scopeActivityIds, String variable, String value,
      List<HistoricVariableInstance> readAhead) {
    String instance = opening.getProcessInstanceId();
    // One query in the usual case (nothing of the period yet): the scopes are looked up only when needed.
    List<HistoricVariableInstance> values = readAhead != null ? readAhead
        : historyService.createHistoricVariableInstanceQuery().processInstanceId(instance).variableValueEquals(variable, value).list();
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
