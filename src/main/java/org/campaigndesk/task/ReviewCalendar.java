package org.campaigndesk.task;

import org.campaigndesk.kernel.JsonLists;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.kernel.DeferredJobs;
import org.campaigndesk.kernel.InChunks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.plan.PlanFacts;
import org.springframework.stereotype.Component;

/**
 * The plan's review calendar ({@code review-calendar}, one instance per plan): the quarterly report
 * dates and the half-year summary dates still ahead, and, when one opens, the message that starts
 * the review in every key task of the plan being carried out; and on the first of every month, from
 * the plan's first month on, while the plan has key tasks, the month's progress report likewise. A key task therefore waits on no
 * timer of its own for its reports.
 */
@Component("reviewCalendar")
public class ReviewCalendar {

  public static final String PROCESS_KEY = "review-calendar";
  public static final String QUARTERLY_MESSAGE = "QuarterlyReportDue";
  public static final String SUMMARY_MESSAGE = "HalfYearSummaryDue";
  public static final String MONTHLY_MESSAGE = "MonthlyReportDue";

  /** What the calendar has announced so far ({@code quarterly:2026-03-20,summary:2026-06-30}). */
  public static final String ANNOUNCED = "announcedReviews";

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final KeyTaskReviews reviews;
  private final DeferredJobs deferredJobs;

  public ReviewCalendar(RuntimeService runtimeService, HistoryService historyService,
      KeyTaskReviews reviews, DeferredJobs deferredJobs) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.reviews = reviews;
    this.deferredJobs = deferredJobs;
  }

  /**
   * How long an assignment's transaction may run: one that began before an opening may commit after
   * the calendar's announcing job read the plan's key tasks.
   */
  static final java.time.Duration ASSIGNMENT_OVERLAP = java.time.Duration.ofHours(1);
  /** How late the calendar's announcing job may run after its time (a storm of jobs before it). */
  static final java.time.Duration ANNOUNCEMENT_LATENESS = java.time.Duration.ofDays(1);

  /**
   * When the key task's work starts (assignment): a review whose window is open and which the plan's
   * calendar has already announced (so the announcement did not reach this key task) opens now, by
   * the same message, in a job of its own after this transaction. One not yet announced reaches it
   * from the calendar, as at import, unless the calendar may be announcing it right now and not see
   * this key task (its job read the key tasks before this transaction commits): then the key task's
   * own job opens it too (after the opening time), and whichever comes second opens nothing
   * ({@link ReportOpenings}).
   */
  public void openAtAssignment(DelegateExecution keyTask) {
    java.time.Instant now = Clocks.instant();
    String planId = (String) keyTask.getVariable(KeyTaskVariables.PLAN_ID);
    java.util.List<String[]> dates = new java.util.ArrayList<>();
    for (String date : KeyTaskReviews.progressReportDates(keyTask)) {
      dates.add(new String[] {QUARTERLY_MESSAGE, date});
    }
    String summary = KeyTaskReviews.summaryDate(keyTask);
    if (summary != null) {
      dates.add(new String[] {SUMMARY_MESSAGE, summary});
    }
    for (String[] review : dates) {
      java.time.Instant opening = reviews.openingOf(keyTask, review[1]).toInstant();
      boolean open = reviews.windowOpen(keyTask, review[1], now);
      boolean announcing = !opening.isAfter(now.plus(ASSIGNMENT_OVERLAP)) && opening.isAfter(now.minus(ANNOUNCEMENT_LATENESS));
      if (open && (announcing || announced(planId, review[0], review[1]))) {
        deferredJobs.schedule(ReviewOpening.TYPE, ReviewOpening.configuration(keyTask.getProcessInstanceId(), review[0], review[1]),
            keyTask.getProcessInstanceId(), keyTask.getTenantId());
      } else if (!open && announcing) {
        // Opening within the hour: the key task checks at the opening time whether the calendar reached it.
        deferredJobs.schedule(ReviewOpening.TYPE, ReviewOpening.configuration(keyTask.getProcessInstanceId(), review[0], review[1]),
            keyTask.getProcessInstanceId(), keyTask.getTenantId(), Date.from(opening));
      }
    }
  }

  /** Whether the plan's calendar has announced the review: it lists it, or it has ended (everything announced). */
  boolean announced(String planId, String message, String isoDate) {
    ProcessInstance running = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId).listPage(0, 1).stream().findFirst().orElse(null);
    if (running != null) {
      return JsonLists.read(runtimeService.getVariable(running.getId(), ANNOUNCED)).contains(key(message, isoDate));
    }
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId).finished().count() > 0;
  }

  private boolean isOpenBefore(VariableScope calendar, String isoDate, Date openingsAfter, Date now) {
    return !reviews.openingOf(calendar, isoDate).after(openingsAfter) && !reviews.dueAt(calendar, isoDate).before(now);
  }

  private static String key(String message, String isoDate) {
    return (QUARTERLY_MESSAGE.equals(message) ? "quarterly:" : "summary:") + isoDate;
  }

  private static void recordAnnounced(DelegateExecution calendar, String message, String isoDate) {
    java.util.List<String> announced = new java.util.ArrayList<>(JsonLists.read(calendar.getVariable(ANNOUNCED)));
    announced.add(key(message, isoDate));
    calendar.setVariable(ANNOUNCED, JsonLists.of(announced));
  }

  /** The dates the calendar waits for, fixed once when it starts (its loops read the list again for each date). */
  public static final String QUARTERLY_REPORT_DATES = "quarterlyReportDates";
  public static final String SUMMARY_DATES = "summaryDates";

  /**
   * Set when a calendar is started for key tasks that opened their reviews themselves until then (the
   * upgrade from per-key-task review timers): only openings after it are announced, earlier ones were.
   */
  public static final String OPENINGS_AFTER = "reviewOpeningsAfter";

  /** Start listener: the dates still ahead at the plan's import, as a JSON list of ISO dates. */
  public void fixDates(DelegateExecution calendar) {
    calendar.setVariable(QUARTERLY_REPORT_DATES, JsonLists.of(quarterlyDates(calendar)));
    calendar.setVariable(SUMMARY_DATES, JsonLists.of(summaryDates(calendar)));
    // A calendar started by the upgrade: openings before it were the key tasks' own, as good as announced.
    Date openingsAfter = (Date) calendar.getVariable(OPENINGS_AFTER);
    List<String> announced = new java.util.ArrayList<>();
    if (openingsAfter != null) {
      PlanFacts plan = PlanFacts.of(calendar);
      Date now = Clocks.now();
      plan.progressReportDates().stream().map(LocalDate::toString).filter(d -> isOpenBefore(calendar, d, openingsAfter, now))
          .forEach(d -> announced.add(key(QUARTERLY_MESSAGE, d)));
      summaryDates(plan).map(LocalDate::toString).distinct()
          .filter(d -> isOpenBefore(calendar, d, openingsAfter, now)).forEach(d -> announced.add(key(SUMMARY_MESSAGE, d)));
    }
    calendar.setVariable(ANNOUNCED, JsonLists.of(announced));
  }

  /**
   * Starts a calendar for a plan imported before plans had one (see {@link KeyTaskUpgrade}); called
   * by no annual plan, it carries the plan's facts itself.
   */
  public void startFor(String planId, String planTitle, String planTimezone, String regionId, PlanFacts facts) {
    runtimeService.startProcessInstanceByKey(PROCESS_KEY, planId, org.camunda.bpm.engine.variable.Variables.createVariables()
        .putValue(KeyTaskVariables.PLAN_ID, planId)
        .putValueTyped(PlanFacts.VARIABLE, facts.value())
        .putValue(KeyTaskVariables.PLAN_TITLE, planTitle)
        .putValue(KeyTaskVariables.PLAN_TIMEZONE, planTimezone)
        .putValue(org.campaigndesk.kernel.RegionTenants.REGION_ID, regionId)
        .putValue(OPENINGS_AFTER, Clocks.now()));
  }

  public boolean hasCalendar(String planId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId).count() > 0;
  }

  /** The dates as a list: the collection of calendars whose openings were a multi-instance over the dates. */
  public List<String> split(Object dates) {
    return JsonLists.read(dates);
  }

  /** The plan's quarterly report dates whose day has not passed, as ISO dates. */
  public List<String> quarterlyDates(DelegateExecution calendar) {
    return ahead(calendar, PlanFacts.of(calendar).progressReportDates().stream());
  }

  /** The distinct half-year summary dates of the plan's key tasks whose day has not passed. */
  public List<String> summaryDates(DelegateExecution calendar) {
    return ahead(calendar, summaryDates(PlanFacts.of(calendar)));
  }

  /**
   * Whether a quarterly report date is still to be announced: the calendar's loop waits for one date at a
   * time, the first of its dates not yet announced ({@link #ANNOUNCED}, written by the opening itself), so
   * that a timer that fires late, is set again or moved to now opens the date it was set for.
   */
  public boolean quarterlyAhead(VariableScope calendar) {
    return nextToAnnounce(calendar, QUARTERLY_REPORT_DATES, QUARTERLY_MESSAGE) != null;
  }

  /** When the quarterly report the loop waits for opens: two weeks before its date, 08:00 (at once when past). */
  public Date nextQuarterlyOpening(DelegateExecution calendar) {
    return reviews.opens(calendar, required(nextToAnnounce(calendar, QUARTERLY_REPORT_DATES, QUARTERLY_MESSAGE)));
  }

  /** Opens the quarterly report the loop waited for ({@link #openQuarterly}). */
  public int openNextQuarterly(DelegateExecution calendar) {
    return openQuarterly(calendar, required(nextToAnnounce(calendar, QUARTERLY_REPORT_DATES, QUARTERLY_MESSAGE)));
  }

  /** Whether a half-year summary date is still to be announced (as {@link #quarterlyAhead}). */
  public boolean summaryAhead(VariableScope calendar) {
    return nextToAnnounce(calendar, SUMMARY_DATES, SUMMARY_MESSAGE) != null;
  }

  /** When the half-year summary the loop waits for opens. */
  public Date nextSummaryOpening(DelegateExecution calendar) {
    return reviews.opens(calendar, required(nextToAnnounce(calendar, SUMMARY_DATES, SUMMARY_MESSAGE)));
  }

  /** Opens the half-year summary the loop waited for ({@link #openSummaries}). */
  public int openNextSummaries(DelegateExecution calendar) {
    return openSummaries(calendar, required(nextToAnnounce(calendar, SUMMARY_DATES, SUMMARY_MESSAGE)));
  }

  /**
   * What a calendar whose openings were a multi-instance over the dates leaves on its instance when it
   * moves onto the loops (the bodies' counters and the date each subprocess waited for), removed then.
   */
  static final List<String> LEFT_BY_OPENINGS_LOOPS = java.util.stream.Stream.concat(
      org.campaigndesk.kernel.LoopMigrations.LOOP_VARIABLES.stream(),
      java.util.stream.Stream.of(KeyTaskReviews.QUARTERLY_REPORT_DATE, KeyTaskReviews.SUMMARY_DATE)).toList();

  /**
   * Before a calendar whose openings were a multi-instance over the dates moves onto the loops: the
   * dates before the one each subprocess waits for count as announced (a calendar started before the
   * list of announcements recorded none), so that each loop waits for that same date.
   */
  void recordAnnouncedBefore(String calendarId) {
    List<String> announced = new java.util.ArrayList<>(JsonLists.read(runtimeService.getVariable(calendarId, ANNOUNCED)));
    int before = announced.size();
    for (String[] loop : new String[][] {{KeyTaskReviews.QUARTERLY_REPORT_DATE, QUARTERLY_REPORT_DATES, QUARTERLY_MESSAGE},
        {KeyTaskReviews.SUMMARY_DATE, SUMMARY_DATES, SUMMARY_MESSAGE}}) {
      List<String> dates = JsonLists.read(runtimeService.getVariable(calendarId, loop[1]));
      for (org.camunda.bpm.engine.runtime.VariableInstance waitsFor : runtimeService.createVariableInstanceQuery()
          .processInstanceIdIn(calendarId).variableName(loop[0]).list()) {
        for (String date : dates) {
          if (date.compareTo(String.valueOf(waitsFor.getValue())) < 0 && !announced.contains(key(loop[2], date))) {
            announced.add(key(loop[2], date));
          }
        }
      }
    }
    if (announced.size() > before) {
      runtimeService.setVariable(calendarId, ANNOUNCED, JsonLists.of(announced));
    }
  }

  /** The first of the calendar's dates (fixed at its start, in order) that it has not announced, or null. */
  private static String nextToAnnounce(VariableScope calendar, String datesVariable, String message) {
    List<String> announced = JsonLists.read(calendar.getVariable(ANNOUNCED));
    return JsonLists.read(calendar.getVariable(datesVariable)).stream()
        .filter(date -> !announced.contains(key(message, date))).findFirst().orElse(null);
  }

  private static String required(String isoDate) {
    if (isoDate == null) {
      throw new IllegalStateException("the review calendar has no date left to announce");
    }
    return isoDate;
  }

  /**
   * Opens the quarterly report due on {@code isoDate} in every key task of the plan being carried out
   * (also the expression of calendars whose openings were a multi-instance over the dates).
   */
  public int openQuarterly(DelegateExecution calendar, String isoDate) {
    recordAnnounced(calendar, QUARTERLY_MESSAGE, isoDate);
    return runtimeService.createMessageCorrelation(QUARTERLY_MESSAGE)
        .processInstanceVariableEquals(KeyTaskVariables.PLAN_ID, planId(calendar))
        .setVariableToTriggeredScope(KeyTaskReviews.QUARTERLY_REPORT_DATE, isoDate)
        .correlateAllWithResult().size();
  }

  /**
   * Opens the half-year summary due on {@code isoDate} in the plan's key tasks whose summary falls on
   * it (also the expression of calendars whose openings were a multi-instance over the dates): the
   * date is in each key task's record, which no query reads, so the plan's key tasks are picked here
   * (twice a year), each then told by the message.
   */
  public int openSummaries(DelegateExecution calendar, String isoDate) {
    recordAnnounced(calendar, SUMMARY_MESSAGE, isoDate);
    int opened = 0;
    for (ProcessInstance keyTask : runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId(calendar)).list()) {
      Map<String, Object> facts = KeyTaskRecord.facts(runtimeService.getVariables(keyTask.getId(),
          List.of(KeyTaskRecord.VARIABLE, KeyTaskReviews.SUMMARY_DATE)));
      if (isoDate.equals(facts.get(KeyTaskReviews.SUMMARY_DATE))) {
        opened += runtimeService.createMessageCorrelation(SUMMARY_MESSAGE).processInstanceId(keyTask.getId())
            .correlateAllWithResult().size();
      }
    }
    return opened;
  }

  /**
   * The month the calendar's monthly timer is set for (ISO, {@code 2027-01}), written when the timer is
   * set ({@link #nextMonthlyOpening}) and opened when it fires ({@link #openMonthly}), however late
   * that is, or if the timer was moved to now.
   */
  public static final String MONTH_AHEAD = "monthlyOpeningMonth";
  /** The month the calendar opened last, from which the next is counted (a timer set again counts from the same). */
  public static final String MONTH_OPENED = "monthlyOpenedMonth";

  /**
   * The next opening of the monthly reports: the first of the month {@link ProgressReports#nextMonth}
   * gives (the next first of a month, but not before the plan's first month; after an opening, the
   * month after it), 08:00 in the plan's zone. The month is kept for the opening ({@link #MONTH_AHEAD}).
   */
  public Date nextMonthlyOpening(DelegateExecution calendar) {
    java.time.ZoneId zone = DueDates.zone(calendar);
    Object lastOpened = calendar.getVariable(MONTH_OPENED);
    java.time.YearMonth month = ProgressReports.nextMonth(PlanFacts.find(calendar).flatMap(PlanFacts::firstMonth).orElse(null),
        lastOpened == null ? null : java.time.YearMonth.parse(lastOpened.toString()), zone, Clocks.instant());
    calendar.setVariable(MONTH_AHEAD, month.toString());
    return Date.from(ProgressReports.openingOf(month, zone).toInstant());
  }

  /**
   * Opens the month the timer was set for ({@link #MONTH_AHEAD}, also when run late, into the next
   * month; see {@link ProgressReports#monthToOpen}: a calendar whose timer an earlier version set has
   * none, and opens this month in the plan's zone, as it did) in every key task of the plan being
   * carried out (those waiting for the month's message), in jobs of {@link MonthOpenings#KEY_TASKS_PER_JOB}
   * key tasks each ({@link MonthOpenings}): the jobs run side by side on the job executor's threads
   * instead of one after another in this job, which only reads the key tasks and writes the jobs; each
   * job writes its key tasks' rows in one flush. A month before the plan's span (only an earlier
   * version's timer can name one) opens nothing. Returns how many key tasks were scheduled.
   */
  public int openMonthly(DelegateExecution calendar) {
    java.time.ZoneId zone = DueDates.zone(calendar);
    Object ahead = calendar.getVariable(MONTH_AHEAD);
    java.time.YearMonth month = ProgressReports.monthToOpen(ahead == null ? null : java.time.YearMonth.parse(ahead.toString()),
        zone, Clocks.instant());
    calendar.setVariable(MONTH_OPENED, month.toString());
    if (ProgressReports.beforeSpan(month, calendar)) {
      return 0;
    }
    // The key tasks by tenant (a plan's are all its county's): a job runs in its tenant.
    Map<String, java.util.Set<String>> keyTasks = new java.util.LinkedHashMap<>();
    for (org.camunda.bpm.engine.runtime.Execution waiting : runtimeService.createExecutionQuery()
        .messageEventSubscriptionName(MONTHLY_MESSAGE).processVariableValueEquals(KeyTaskVariables.PLAN_ID, planId(calendar)).list()) {
      keyTasks.computeIfAbsent(waiting.getTenantId(), tenant -> new java.util.LinkedHashSet<>()).add(waiting.getProcessInstanceId());
    }
    // Shown on the calendar in Cockpit; a plan's jobs run side by side, each on key tasks of its own.
    keyTasks.forEach((tenant, ids) -> InChunks.of(List.copyOf(ids), MonthOpenings.KEY_TASKS_PER_JOB).forEach(chunk ->
        deferredJobs.scheduleNonExclusive(MonthOpenings.TYPE, MonthOpenings.configuration(month, zone, chunk),
            calendar.getProcessInstanceId(), tenant)));
    return keyTasks.values().stream().mapToInt(java.util.Set::size).sum();
  }

  /** Whether the plan still has key tasks (the monthly openings go on as long as one runs, overdue ones too). */
  public boolean keyTasksRunning(DelegateExecution calendar) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId(calendar)).count() > 0;
  }

  private List<String> ahead(VariableScope calendar, java.util.stream.Stream<LocalDate> dates) {
    Date now = Clocks.now();
    Date openingsAfter = (Date) calendar.getVariable(OPENINGS_AFTER);
    return dates.map(LocalDate::toString).distinct().sorted()
        .filter(date -> !reviews.dueAt(calendar, date).before(now))
        .filter(date -> openingsAfter == null || reviews.openingOf(calendar, date).after(openingsAfter))
        .toList();
  }

  private static java.util.stream.Stream<LocalDate> summaryDates(PlanFacts plan) {
    return plan.keyTasks().stream().map(PlanFacts.KeyTask::summaryDate).filter(Objects::nonNull);
  }

  private static String planId(VariableScope calendar) {
    return (String) calendar.getVariable(KeyTaskVariables.PLAN_ID);
  }
}
