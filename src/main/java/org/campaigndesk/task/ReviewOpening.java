package org.campaigndesk.task;

import java.time.YearMonth;
import java.time.ZoneId;
import org.camunda.bpm.engine.RuntimeService;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.Correlations;
import org.campaigndesk.kernel.DeferredWork;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.Zones;
import org.springframework.stereotype.Component;

/**
 * Opens one review in one key task by the message the plan's calendar sends, in a job after the
 * transaction that assigned the key task (the message must not arrive while that transaction is
 * still building the key task's scopes). A key task that ended meanwhile receives nothing. The
 * opening names its period (a quarterly report's date, a month), which the report takes from the message.
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
   * As {@link #configuration(String, String, String)}, with the plan's zone for a month's opening: such a
   * job opens its month when it runs late too (into the next month, {@link ProgressReports#stillOpens}),
   * without reading the key task (a month start runs one such job per key task); the month travels with
   * the message. A month's job of an earlier version, without the zone, reads the key task's zone and
   * opens only in its month, as it did.
   */
  static String configuration(String processInstanceId, String message, String isoDate, ZoneId zone) {
    return configuration(processInstanceId, message, isoDate) + "|" + zone.getId();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void run(String configuration) {
    String[] parts = configuration.split("\\|");
    boolean monthly = ReviewCalendar.MONTHLY_MESSAGE.equals(parts[1]);
    // A month's opening names the plan's zone: no instance is read (one closed out meanwhile has no
    // subscription, and the message reaches no one). Other openings, and a month's job of an earlier version, read it.
    boolean zoneGiven = parts.length > 3;
    if (!zoneGiven && runtimeService.createProcessInstanceQuery().processInstanceId(parts[0]).count() == 0) {
      return; // closed out (or cancelled) before this job ran: nothing to open, and no instance to read
    }
    if (monthly && !zoneGiven && !YearMonth.from(Clocks.instant().atZone(zoneOf(parts[0]))).toString().equals(parts[2])) {
      // A month's job of an earlier version, run late for a month gone by: opens nothing, as it did.
      return;
    }
    if (monthly && zoneGiven && !ProgressReports.stillOpens(YearMonth.parse(parts[2]), ZoneId.of(parts[3]), Clocks.instant())) {
      return; // stopped for longer than a month: that month is no longer reported (the calendar opens this one)
    }
    if (monthly) {
      openMonth(parts[0], YearMonth.parse(parts[2]));
      return;
    }
    var correlation = correlation(parts[1], parts[0]);
    if (ReviewCalendar.QUARTERLY_MESSAGE.equals(parts[1])) {
      correlation.setVariableToTriggeredScope(KeyTaskReviews.QUARTERLY_REPORT_DATE, parts[2]);
    }
    correlation.correlateAllWithResult();
  }

  /**
   * Opens {@code month}'s report in the key task by the calendar's message; a key task that ended (or
   * is not waiting for the month) receives nothing. Also for {@link MonthOpenings}, several key tasks in one job.
   */
  void openMonth(String keyTask, YearMonth month) {
    var correlation = correlation(ReviewCalendar.MONTHLY_MESSAGE, keyTask);
    // The report is the job's month, whenever the job runs (late, or for a plan's first month ahead).
    ProgressReports.opening(month, correlation::correlateAllWithResult);
  }

  private org.camunda.bpm.engine.runtime.MessageCorrelationBuilder correlation(String message, String keyTask) {
    // The message starts no process: without executionsOnly the engine also looks up message start events by name.
    return Correlations.executionsOnly(runtimeService.createMessageCorrelation(message).processInstanceId(keyTask));
  }

  private ZoneId zoneOf(String processInstanceId) {
    return Zones.orDefault(KeyTaskRecord.facts(runtimeService.getVariables(processInstanceId, KeyTaskRecord.FACT_NAMES))
        .get(KeyTaskVariables.PLAN_TIMEZONE));
  }
}
