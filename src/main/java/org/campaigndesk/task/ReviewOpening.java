package org.campaigndesk.task;

import org.camunda.bpm.engine.RuntimeService;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.DeferredWork;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.Zones;
import org.springframework.stereotype.Component;

/**
 * Opens one review in one key task by the message the plan's calendar sends, in a job after the
 * transaction that assigned the key task (the message must not arrive while that transaction is
 * still building the key task's scopes). A key task that ended meanwhile receives nothing.
 */
@Component
public class ReviewOpening implements DeferredWork {

  static final String TYPE = "review-opening";

  private final RuntimeService runtimeService;

  public ReviewOpening(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  static String configuration(String processInstanceId, String message, String isoDate) {
    return processInstanceId + "|" + message + "|" + isoDate;
  }

  /**
   * As {@link #configuration(String, String, String)}, with the plan's zone for a month's opening: the job
   * then checks the month without reading the key task (a month start runs one such job per key task).
   */
  static String configuration(String processInstanceId, String message, String isoDate, java.time.ZoneId zone) {
    return configuration(processInstanceId, message, isoDate) + "|" + zone.getId();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void run(String configuration) {
    String[] parts = configuration.split("\\|");
    if (parts.length > 3) {
      // The zone is given: no instance is read. One closed out meanwhile has no subscription: the message reaches no one.
      if (!java.time.YearMonth.from(Clocks.instant().atZone(java.time.ZoneId.of(parts[3]))).toString().equals(parts[2])) {
        return; // an opening run late (retried, or left waiting) for a month gone by
      }
    } else if (runtimeService.createProcessInstanceQuery().processInstanceId(parts[0]).count() == 0) {
      // Closed out (or cancelled) before this job ran: nothing to open, and no instance to read.
      return;
    } else if (ReviewCalendar.MONTHLY_MESSAGE.equals(parts[1]) && !isThisMonth(parts[0], parts[2])) {
      // An opening run late (retried, or left waiting) for a month gone by: that month's report is not opened now.
      return;
    }
    var correlation = runtimeService.createMessageCorrelation(parts[1]).processInstanceId(parts[0]);
    if (ReviewCalendar.QUARTERLY_MESSAGE.equals(parts[1])) {
      correlation.setVariableToTriggeredScope(KeyTaskReviews.QUARTERLY_REPORT_DATE, parts[2]);
    }
    correlation.correlateAllWithResult();
  }

  private boolean isThisMonth(String processInstanceId, String month) {
    Object zone = KeyTaskRecord.facts(runtimeService.getVariables(processInstanceId, KeyTaskRecord.FACT_NAMES))
        .get(KeyTaskVariables.PLAN_TIMEZONE);
    return java.time.YearMonth.from(Clocks.instant().atZone(Zones.orDefault(zone))).toString().equals(month);
  }
}
