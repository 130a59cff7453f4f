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

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void run(String configuration) {
    String[] parts = configuration.split("\\|");
    if (runtimeService.createProcessInstanceQuery().processInstanceId(parts[0]).count() == 0) {
      // Closed out (or cancelled) before this job ran: nothing to open, and no instance to read.
      return;
    }
    if (ReviewCalendar.MONTHLY_MESSAGE.equals(parts[1]) && !isThisMonth(parts[0], parts[2])) {
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
