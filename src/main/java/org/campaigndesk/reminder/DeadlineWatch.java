package org.campaigndesk.reminder;

import static org.campaigndesk.reminder.WatchVariables.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.kernel.GuardedScopes;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.Zones;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.mail.Notifier;
import org.springframework.stereotype.Component;

/**
 * The deadline-watch process's questions and facts: when the next reminder is due, when the grace
 * period ends, which tasks of the key task the watch guards, and the values every mail shows.
 */
@Component("deadlineWatch")
public class DeadlineWatch {

  private final WorkingCalendar calendar;
  private final ReminderSchedule schedule;
  private final String interviewGroup;
  private final int graceWorkingDays;
  private final String tasklistUrl;
  private final TaskService taskService;

  private final PlanRepository plans;

  public DeadlineWatch(CampaignDeskProperties properties, WorkingCalendar calendar, TaskService taskService,
      PlanRepository plans) {
    this.plans = plans;
    this.calendar = calendar;
    this.schedule = new ReminderSchedule(properties.reminders().offsetsDays(), properties.reminders().time(), calendar);
    this.interviewGroup = properties.escalation().interviewGroup();
    this.graceWorkingDays = properties.reminders().graceWorkingDays();
    this.tasklistUrl = properties.mail().tasklistUrl();
    this.taskService = taskService;
  }

  public ReminderSchedule schedule() {
    return schedule;
  }

  public boolean hasNextReminder(VariableScope watch) {
    return nextReminder(watch).isPresent();
  }

  public Date nextReminderAt(VariableScope watch) {
    return Date.from(nextReminder(watch).orElseThrow().at());
  }

  /**
   * When a watch of {@code due} first has something to do, for the timer that starts it (a watch
   * that has not started costs the engine no rows): its first reminder, else the deadline itself;
   * now when a reminder is due already or the deadline has passed.
   */
  public Date startsAt(VariableScope work, Date due) {
    if (due == null) {
      throw new IllegalArgumentException("deadline: a watch needs the date it watches");
    }
    Instant at = schedule.next(due.toInstant(), zone(work), now(), List.of()).map(ReminderSchedule.Reminder::at)
        .orElse(due.toInstant());
    return Date.from(at.isBefore(now()) ? now() : at);
  }

  Optional<ReminderSchedule.Reminder> nextReminder(VariableScope watch) {
    return schedule.next(due(watch), zone(watch), now(), handledOffsets(watch));
  }

  /**
   * Five working days after the deadline; for a deadline already past when the plan was imported,
   * after the import: nobody is summoned for time before the plan reached them.
   */
  public Date graceEnd(VariableScope watch) {
    Instant due = due(watch);
    Instant importedAt = importedAt(watch);
    Instant from = importedAt != null && importedAt.isAfter(due) ? importedAt : due;
    return Date.from(schedule.graceEnd(from, zone(watch), graceWorkingDays));
  }

  /** Whether this deadline had passed already when the plan was imported. */
  public boolean wasOverdueAtImport(VariableScope watch) {
    Instant importedAt = importedAt(watch);
    return importedAt != null && importedAt.isAfter(due(watch));
  }

  private Instant importedAt(VariableScope watch) {
    Object planId = WatchedWork.fact(watch, KeyTaskVariables.PLAN_ID);
    return planId == null ? null : plans.find(planId.toString()).map(PlanRepository.StoredPlan::importedAt).orElse(null);
  }

  public String interviewGroup() {
    return interviewGroup;
  }

  /** The discipline commission gets five working days for the interview and for its decision. */
  public Date interviewDue(VariableScope watch) {
    ZoneId zone = zone(watch);
    LocalDate day = calendar.plusWorkingDays(LocalDate.ofInstant(now(), zone), 5);
    return Date.from(day.atTime(23, 59, 59).atZone(zone).toInstant());
  }

  public int graceWorkingDays() {
    return graceWorkingDays;
  }

  static Instant now() {
    return Clocks.instant();
  }

  static Instant due(VariableScope watch) {
    return ((Date) watch.getVariable(DUE_DATE)).toInstant();
  }

  static ZoneId zone(VariableScope watch) {
    return Zones.orDefault(WatchedWork.fact(watch, KeyTaskVariables.PLAN_TIMEZONE));
  }

  static List<Integer> handledOffsets(VariableScope watch) {
    return JsonLists.read(watch.getVariable(HANDLED_OFFSETS)).stream().map(Integer::valueOf).toList();
  }

  static void addHandledOffsets(VariableScope watch, List<Integer> offsets) {
    TreeSet<Integer> all = new TreeSet<>(handledOffsets(watch));
    all.addAll(offsets);
    watch.setVariable(HANDLED_OFFSETS, JsonLists.of(all.descendingSet().stream().map(String::valueOf).toList()));
  }

  /** Whole calendar days from today to the due day, in the plan's zone. */
  static long daysLeft(VariableScope watch) {
    ZoneId zone = zone(watch);
    return Duration.between(LocalDate.ofInstant(now(), zone).atStartOfDay(),
        LocalDate.ofInstant(due(watch), zone).atStartOfDay()).toDays();
  }

  /**
   * Open tasks of the watched work inside the scope this watch guards (named by the call:
   * {@value WatchVariables#WATCHED_SCOPE}); read through the public API, nothing changed there.
   */
  List<Task> guardedTasks(DelegateExecution watch) {
    Object watched = watch.getVariable(WATCHED_SCOPE);
    String caller = watched == null ? null : WatchedWork.callerOf(watch);
    if (caller == null) {
      return List.of();
    }
    return GuardedScopes.openTasks(watch.getProcessEngineServices().getRuntimeService(), taskService, caller, watched.toString());
  }

  /** A direct link to the lead unit's open task if there is one, else to Tasklist. */
  String link(DelegateExecution watch) {
    String leadUnit = (String) WatchedWork.fact(watch, KeyTaskVariables.LEAD_UNIT_ID);
    return guardedTasks(watch).stream()
        .filter(t -> taskService.getIdentityLinksForTask(t.getId()).stream().anyMatch(l -> leadUnit.equals(l.getGroupId())))
        .findFirst()
        .map(t -> tasklistUrl + "#/?task=" + t.getId())
        .orElse(tasklistUrl);
  }

  /** What every deadline mail shows. */
  Map<String, String> mailModel(DelegateExecution watch) {
    Map<String, String> model = new LinkedHashMap<>();
    for (String name : List.of(KeyTaskVariables.TASK_LABEL, KeyTaskVariables.DEADLINE_TEXT,
        KeyTaskVariables.LEAD_LEADER_NAMES, KeyTaskVariables.LEAD_UNIT_NAME, KeyTaskVariables.PLAN_TITLE, WATCH_SUBJECT)) {
      model.put(name, Notifier.shown(WatchedWork.fact(watch, name)));
    }
    long daysLeft = daysLeft(watch);
    model.put(DUE_DATE_TEXT, ChineseDates.format(LocalDate.ofInstant(due(watch), zone(watch))));
    model.put("daysLeft", String.valueOf(Math.max(daysLeft, 0)));
    // "今天到期", not "还有0天到期".
    model.put("timeLeftText", daysLeft <= 0 ? "今天" : "还有" + daysLeft + "天");
    model.put("timeLeftRemark", daysLeft <= 0 ? "就是今天" : "还有" + daysLeft + "天");
    model.put(DAYS_OVERDUE, String.valueOf(Math.max(-daysLeft, 0)));
    model.put("graceDays", String.valueOf(graceWorkingDays));
    model.put("link", link(watch));
    return model;
  }

  /** Keys stay stable across retries of one job and differ for each deadline date and recipient. */
  static String key(DelegateExecution watch, String what, String userId) {
    return watch.getProcessInstanceId() + "/" + due(watch).toEpochMilli() + "/" + what + "/" + userId;
  }
}
