package org.campaigndesk.task;

import org.campaigndesk.kernel.JsonLists;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.time.Instant;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.reminder.WatchVariables;
import org.springframework.stereotype.Component;

/**
 * The reviews a key task owes besides its own deadline: the half-year summary of a year-round task
 * ("全年推进、半年总结、年终验收") and the quarterly progress reports on the plan's
 * progressReportDates. Each opens two weeks before its date; dates already past when the plan is
 * imported are skipped rather than opened overdue. The plan's {@link ReviewCalendar} opens them in
 * the key tasks being carried out; a key task assigned later than an opening opens it itself
 * ({@link ReviewCalendar#openAtAssignment}).
 */
@Component("reviews")
public class KeyTaskReviews {

  public static final String SUMMARY_DATE = "summaryDate";
  public static final String PROGRESS_REPORT_DATES = "progressReportDates";
  public static final String QUARTERLY_REPORT_DATE = "quarterlyReportDate";
  public static final String QUARTERLY_REPORT_DATE_TEXT = "quarterlyReportDateText";
  static final int OPENS_DAYS_BEFORE = 14;
  static final LocalTime OPENING_TIME = LocalTime.of(8, 0);

  /** The review's window is open now: its opening has come and its day has not passed. */
  boolean windowOpen(VariableScope scope, String isoDate, Instant now) {
    return !openingOf(scope, isoDate).toInstant().isAfter(now) && !dueAt(scope, isoDate).toInstant().isBefore(now);
  }

  /** For key tasks of the first definition (their own review timers), until the upgrade migrates them. */
  public boolean hasUpcomingSummary(VariableScope scope) {
    Object summary = summaryDate(scope);
    return summary != null && !dueAt(scope, summary.toString()).before(Clocks.now());
  }

  /** Quarterly report dates still ahead, as ISO dates (key tasks of the first definition). */
  public List<String> quarterlyDates(VariableScope scope) {
    Date now = Clocks.now();
    return progressReportDates(scope).stream()
        .filter(date -> !dueAt(scope, date).before(now))
        .toList();
  }

  /** The key task's half-year summary date, ISO: its record's, or (before the record) its variable. */
  static String summaryDate(VariableScope scope) {
    if (KeyTaskRecord.present(scope)) {
      LocalDate date = KeyTaskRecord.of(scope).summaryDate();
      return date == null ? null : date.toString();
    }
    Object summary = scope.getVariable(SUMMARY_DATE);
    return summary == null ? null : summary.toString();
  }

  /** The key task's quarterly report dates, ISO: its record's, or (before the record) its variable. */
  static List<String> progressReportDates(VariableScope scope) {
    if (KeyTaskRecord.present(scope)) {
      return KeyTaskRecord.of(scope).progressReportDates().stream().map(LocalDate::toString).toList();
    }
    return JsonLists.read(scope.getVariable(PROGRESS_REPORT_DATES));
  }

  /** Two weeks before the review date, at the start of the working day, in the plan's zone. */
  public Date openingOf(VariableScope scope, String isoDate) {
    return Date.from(LocalDate.parse(isoDate).minusDays(OPENS_DAYS_BEFORE).atTime(OPENING_TIME).atZone(DueDates.zone(scope)).toInstant());
  }

  /** When the work for a review date opens: two weeks before, or at once when that has passed. */
  public Date opens(VariableScope scope, String isoDate) {
    ZoneId zone = DueDates.zone(scope);
    Date opens = Date.from(LocalDate.parse(isoDate).minusDays(OPENS_DAYS_BEFORE).atTime(OPENING_TIME).atZone(zone).toInstant());
    Date now = Clocks.now();
    return opens.before(now) ? now : opens;
  }

  public Date dueAt(VariableScope scope, String isoDate) {
    return DueDates.endOfDay(LocalDate.parse(isoDate), DueDates.zone(scope));
  }

  /** Execution listener on a review's scope: a fresh overdue flag and the date as people read it. */
  public void open(DelegateExecution scope, String isoDate) {
    scope.setVariableLocal(WatchVariables.OVERDUE, false);
    scope.setVariableLocal(QUARTERLY_REPORT_DATE_TEXT, ChineseDates.format(LocalDate.parse(isoDate)));
  }
}
