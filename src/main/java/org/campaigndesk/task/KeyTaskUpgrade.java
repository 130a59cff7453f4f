package org.campaigndesk.task;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.LoopMigrations;
import org.campaigndesk.kernel.RegionTenants;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.plan.PlanRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Moves running key tasks of a definition that still waits for its reviews itself (the branch
 * {@value #OLD_REVIEWS}: quarterly and half-year timers per key task) onto the current definition,
 * whose reviews the plan's {@code review-calendar} opens. For each such key task the waiting review
 * branch is cancelled and the instance migrated (same activity ids: tasks, deadline watches and the
 * monthly report's timer keep their state); a key task whose quarterly report or summary is open
 * right now stays on its definition, which still runs, and is moved at a later start once that
 * report is in. Every plan with such key tasks, or whose annual-plan instance predates calendars,
 * gets a calendar that announces only openings still to come (earlier ones were the key tasks' own).
 *
 * <p>Key tasks whose monthly report still waits on a timer of their own ({@value #OLD_MONTHLY_TIMER})
 * move the same way (the report's message start event has the same id; the migration drops the old
 * timer job and subscribes the message); running calendars of a definition without the monthly
 * openings move to the current one and start waiting for the next first of a month.
 *
 * <p>Where the current definition starts a watch by a timer ({@code Timer_WatchStarts} for the
 * completion deadline, one for each report) and the moved key task's watch already runs, the running
 * watch moves into the subprocess that starts it and the new start timer goes: one watch, its state
 * kept.
 *
 * <p>Runs at every start: once nothing old is left, it finds nothing to do.
 */
@Component
@Order(20)
public class KeyTaskUpgrade implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(KeyTaskUpgrade.class);

  static final String OLD_REVIEWS = "SubProcess_Reviews";
  /** The monthly report's own timer cycle, before the calendar announced the months. */
  static final String OLD_MONTHLY_TIMER = "TimerEventDefinition_MonthlyReport";
  /** The calendar's monthly openings, which calendars of before had not. */
  static final String MONTHLY_OPENINGS = "Timer_MonthlyOpens";
  /** Open review work that is not moved: it finishes on the definition it started on. */
  /** The completion deadline's watch: from assignment on in definitions before, started by a timer since. */
  static final String COMPLETION_WATCH = "CallActivity_CompletionWatch";
  /** Each watch's call activity and the timer that starts it where it is deferred (in an event subprocess of the work). */
  static final Map<String, String> WATCH_STARTS = Map.of(COMPLETION_WATCH, ApplyExtension.WATCH_STARTS,
      "CallActivity_ReportWatch", "Timer_ReportWatchStarts", "CallActivity_QuarterlyWatch", "Timer_QuarterlyWatchStarts",
      "CallActivity_SummaryWatch", "Timer_SummaryWatchStarts");
  static final Set<String> OPEN_REVIEW_WORK = Set.of("SubProcess_SummaryWork", "SubProcess_QuarterlyReportWork");

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final ReviewCalendar calendar;
  private final PlanRepository plans;

  public KeyTaskUpgrade(RepositoryService repositoryService, RuntimeService runtimeService, ManagementService managementService,
      ReviewCalendar calendar, PlanRepository plans) {
    this.plans = plans;
    this.managementService = managementService;
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.calendar = calendar;
  }

  public record Result(int migrated, int keptForOpenReviews, int calendarsStarted, int calendarsMoved) {}

  @Override
  public void run(ApplicationArguments args) {
    Result result;
    try {
      result = upgrade();
    } catch (org.camunda.bpm.engine.ProcessEngineException e) {
      // Two nodes starting at once: the other one moved these instances; what is left is moved at the next start.
      LOG.warn("Key task upgrade not finished at this start ({}); it runs again at the next", e.getMessage());
      return;
    } catch (RuntimeException e) {
      // The engine's migration can fail on an instance it cannot parse (e.g. a pending job without an execution).
      // The application still starts: instances not moved keep running on the definition they have.
      LOG.error("Key task upgrade failed at this start; instances not moved stay on their definition", e);
      return;
    }
    if (result.migrated() + result.keptForOpenReviews() + result.calendarsStarted() + result.calendarsMoved() > 0) {
      LOG.info("Key tasks moved to the current definition: {} migrated, {} kept until their open review is in; {} review calendars started, {} moved",
          result.migrated(), result.keptForOpenReviews(), result.calendarsStarted(), result.calendarsMoved());
    }
  }

  public Result upgrade() {
    ProcessDefinition target = latest(KeyTaskVariables.PROCESS_KEY);
    if (target == null || hasElement(target, OLD_REVIEWS) || hasElement(target, OLD_MONTHLY_TIMER)) {
      return new Result(0, 0, 0, 0);
    }
    int calendarsMoved = moveCalendars();
    int migrated = 0;
    int kept = 0;
    Set<String> plans = new LinkedHashSet<>();
    for (ProcessDefinition source : repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY).list()) {
      boolean oldReviews = hasElement(source, OLD_REVIEWS);
      if (source.getId().equals(target.getId()) || !(oldReviews || hasElement(source, OLD_MONTHLY_TIMER))) {
        continue;
      }
      List<String> movable = new ArrayList<>();
      for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId()).list()) {
        ActivityInstance tree = runtimeService.getActivityInstance(instance.getId());
        if (tree == null) {
          continue;
        }
        if (oldReviews && OPEN_REVIEW_WORK.stream().anyMatch(id -> tree.getActivityInstances(id).length > 0)) {
          kept++;
          continue;
        }
        // A key task from before the record gets it first: the current definition reads it, during the move too
        // (the date of the timer that starts a watch, which the migration adds).
        KeyTaskRecordUpgrade.giveRecord(runtimeService, instance);
        if (tree.getActivityInstances(OLD_REVIEWS).length > 0) {
          // Its timers wait for openings the plan's calendar announces from now on.
          runtimeService.createProcessInstanceModification(instance.getId()).cancelAllForActivity(OLD_REVIEWS).execute();
        }
        movable.add(instance.getId());
        plans.add((String) runtimeService.getVariable(instance.getId(), KeyTaskVariables.PLAN_ID));
      }
      if (!movable.isEmpty()) {
        runtimeService.newMigration(migrationPlan(source, target)).processInstanceIds(movable).execute();
        afterMigration(source, target, movable);
        migrated += movable.size();
      }
    }
    plans.addAll(plansWithoutCalendarCall());
    int started = 0;
    for (String planId : plans) {
      if (planId != null && !calendar.hasCalendar(planId) && startCalendar(planId)) {
        started++;
      }
    }
    return new Result(migrated, kept, started, calendarsMoved);
  }

  /**
   * How key tasks of {@code source} move to {@code target} (same activity ids); a running watch that
   * {@code target} starts by a timer moves into the subprocess that now starts it (added around it by
   * the migration). Shared with {@link KeyTaskRecordUpgrade}.
   */
  MigrationPlan migrationPlan(ProcessDefinition source, ProcessDefinition target) {
    org.camunda.bpm.engine.migration.MigrationPlanBuilder builder = runtimeService
        .createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().updateEventTriggers();
    for (String watch : deferredWatches(source, target)) {
      builder = builder.mapActivities(watch, watch);
    }
    return builder.build();
  }

  /** After key tasks moved by {@link #migrationPlan}: no second watch start where the watch already runs. */
  void afterMigration(ProcessDefinition source, ProcessDefinition target, List<String> instances) {
    dropSecondWatchStarts(instances, deferredWatches(source, target));
  }

  /**
   * The migration gives every open work on the current definition the timer that starts its watch;
   * where the watch already runs (it ran from the work's start before), that timer would start a
   * second one. Every open work of the old shape has its watch running: its timers go.
   */
  private void dropSecondWatchStarts(List<String> instances, List<String> deferred) {
    if (deferred.isEmpty()) {
      return;
    }
    for (String instance : instances) {
      ActivityInstance tree = runtimeService.getActivityInstance(instance);
      if (tree == null) {
        continue;
      }
      for (String watch : deferred) {
        if (tree.getActivityInstances(watch).length == 0) {
          continue;
        }
        for (Job start : managementService.createJobQuery().processInstanceId(instance).activityId(WATCH_STARTS.get(watch)).list()) {
          managementService.deleteJob(start.getId());
        }
      }
    }
  }

  /**
   * The watches that the source starts with its work and the target defers, in the same work scope
   * (the target's event subprocess inside the scope that held the call activity before).
   */
  private List<String> deferredWatches(ProcessDefinition source, ProcessDefinition target) {
    var from = repositoryService.getBpmnModelInstance(source.getId());
    var to = repositoryService.getBpmnModelInstance(target.getId());
    List<String> deferred = new ArrayList<>();
    WATCH_STARTS.forEach((watch, start) -> {
      ModelElementInstance before = from.getModelElementById(watch);
      ModelElementInstance after = to.getModelElementById(watch);
      if (before == null || after == null || from.getModelElementById(start) != null || to.getModelElementById(start) == null) {
        return;
      }
      String workBefore = idOf(before.getParentElement());
      String workAfter = after.getParentElement() == null ? null : idOf(after.getParentElement().getParentElement());
      if (workBefore != null && workBefore.equals(workAfter)) {
        deferred.add(watch);
      }
    });
    java.util.Collections.sort(deferred);
    return deferred;
  }

  private static String idOf(ModelElementInstance element) {
    return element == null ? null : element.getAttributeValue("id");
  }

  /**
   * Running calendars of a definition without the monthly openings: moved to the current one (same
   * ids for what they wait on, their timers out of the multi-instance subprocesses into the loops),
   * and their monthly openings started (the next first of a month, not before the plan's first month).
   */
  private int moveCalendars() {
    ProcessDefinition target = latest(ReviewCalendar.PROCESS_KEY);
    if (target == null || !hasElement(target, MONTHLY_OPENINGS)) {
      return 0;
    }
    int moved = 0;
    for (ProcessDefinition source : repositoryService.createProcessDefinitionQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY).list()) {
      if (source.getId().equals(target.getId()) || hasElement(source, MONTHLY_OPENINGS)) {
        continue;
      }
      List<String> running = runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId()).list().stream()
          .map(ProcessInstance::getId).toList();
      if (running.isEmpty()) {
        continue;
      }
      // Its quarterly and half-year openings, a multi-instance over the dates there, are loops here: each waiting
      // timer moves into its loop, which waits for the first date not announced (the one the subprocess waits for).
      running.forEach(calendar::recordAnnouncedBefore);
      runtimeService.newMigration(LoopMigrations.plan(runtimeService, repositoryService, source.getId(), target.getId(), false))
          .processInstanceIds(running).execute();
      for (String id : running) {
        runtimeService.removeVariables(id, ReviewCalendar.LEFT_BY_OPENINGS_LOOPS);
        runtimeService.createProcessInstanceModification(id).startBeforeActivity(MONTHLY_OPENINGS).execute();
      }
      moved += running.size();
    }
    return moved;
  }

  /** Plans whose annual-plan instance runs on a definition from before the review calendar. */
  private List<String> plansWithoutCalendarCall() {
    List<String> plans = new ArrayList<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().processDefinitionKey("annual-plan").list()) {
      if (hasElement(definition, "CallActivity_ReviewCalendar")) {
        continue;
      }
      for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processDefinitionId(definition.getId()).list()) {
        plans.add((String) runtimeService.getVariable(instance.getId(), KeyTaskVariables.PLAN_ID));
      }
    }
    return plans;
  }

  /** A calendar with the plan's facts as one of its running key tasks (or its annual plan) carries them. */
  private boolean startCalendar(String planId) {
    ProcessInstance carrier = runtimeService.createProcessInstanceQuery().variableValueEquals(KeyTaskVariables.PLAN_ID, planId)
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY).listPage(0, 1).stream().findFirst()
        .orElse(runtimeService.createProcessInstanceQuery().variableValueEquals(KeyTaskVariables.PLAN_ID, planId)
            .processDefinitionKey("annual-plan").listPage(0, 1).stream().findFirst().orElse(null));
    if (carrier == null) {
      return false;
    }
    var variables = runtimeService.getVariables(carrier.getId(),
        List.of(KeyTaskVariables.PLAN_TITLE, KeyTaskVariables.PLAN_TIMEZONE, RegionTenants.REGION_ID));
    Object region = variables.get(RegionTenants.REGION_ID);
    // The plan's facts as an import gives them, read from the stored plan this once (an upgrade, not a running step).
    calendar.startFor(planId, (String) variables.get(KeyTaskVariables.PLAN_TITLE), (String) variables.get(KeyTaskVariables.PLAN_TIMEZONE),
        region != null ? region.toString() : carrier.getTenantId(), PlanFacts.of(plans.load(planId)));
    return true;
  }

  private ProcessDefinition latest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().latestVersion().singleResult();
  }

  private boolean hasElement(ProcessDefinition definition, String elementId) {
    return repositoryService.getBpmnModelInstance(definition.getId()).getModelElementById(elementId) != null;
  }
}
