package org.campaigndesk.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.task.KeyTaskStarter;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the embedded defaults, imports the demo plan once so that a newcomer finds a county in mid-year:
 * the plan is placed so that today falls inside its second campaign, away from its dates, and then
 * some of its work is done as the units would have done it: half of the key tasks due at that
 * campaign's end accepted and closed out, some later ones signed for; and, demo only, three made due
 * within days (yellow) and two overdue (red, deadlines 12 days back) with the discipline
 * commission's interview pending. Every user it creates has the demo password. Mail: what that
 * story sends (two overdue notices and their interview notices, the import's notice of the overdue
 * tasks, the reminders of the three due soon) and the opening of the current campaign to its units.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "campaign-desk.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  static final String DISCIPLINE_COMMISSION = "县纪委监委";
  /**
   * Days before the second campaign's end from which the demo's today is sought (earlier when a
   * date of the plan lies close): more than the first reminder's 7 days, so the campaign's many work
   * items are not all reminded at first start.
   */
  static final int DAYS_BEFORE_CAMPAIGN_END = 10;
  /** No deadline or report date of the plan within this many days of the demo's today. */
  static final int QUIET_DAYS = 8;
  /** How many of the tasks due at the campaign's end are made due within days (yellow), and in how many days. */
  static final int DUE_SOON = 3;
  static final int DUE_SOON_DAYS = 4;
  /** How far back the two overdue tasks' deadlines are set. */
  static final int OVERDUE_DAYS = 12;

  private final IdentitySync identitySync;
  private final PlanReader reader;
  private final PlanRepository repository;
  private final PlanImportService importService;
  private final CampaignDeskProperties properties;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final TransactionTemplate transaction;

  public DemoData(PlanReader reader, PlanRepository repository, PlanImportService importService,
      CampaignDeskProperties properties, IdentitySync identitySync, RuntimeService runtimeService, TaskService taskService,
      ManagementService managementService, PlatformTransactionManager transactionManager) {
    this.identitySync = identitySync;
    this.reader = reader;
    this.repository = repository;
    this.importService = importService;
    this.properties = properties;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** What the demo did, for the log and the tests. */
  record Staged(String planId, List<Integer> accepted, List<Integer> signedFor, List<Integer> dueSoon, List<Integer> overdue) {}

  @Override
  public void run(ApplicationArguments args) throws IOException {
    stage();
  }

  Staged stage() throws IOException {
    String source;
    try (InputStream in = new ClassPathResource(properties.demo().plan()).getInputStream()) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Plan original = reader.read(source);
    ZoneId zone = original.info().timezone();
    LocalDate today = Clocks.today(zone);
    long days = placement(original, today);
    Plan placed = reader.read(placedSource(source, days, Map.of()));
    if (repository.find(placed.info().id()).isPresent()) {
      return null;
    }
    // The two overdue tasks: the last two of those due latest, so the rest of the year keeps its shape.
    List<Plan.KeyTask> byDeadline = placed.tasks().stream().filter(t -> t.deadline() != null)
        .sorted(Comparator.comparing((Plan.KeyTask t) -> t.deadline().dueDate()).thenComparing(Plan.KeyTask::no)).toList();
    List<Integer> overdue = byDeadline.subList(Math.max(0, byDeadline.size() - 2), byDeadline.size()).stream()
        .map(Plan.KeyTask::no).toList();
    // Due at the second campaign's end: about half already accepted, three due within days (demo only: set so), the rest later.
    LocalDate firstDue = byDeadline.stream().map(t -> t.deadline().dueDate()).filter(d -> !d.isBefore(today)).findFirst().orElse(today);
    List<Integer> dueFirst = byDeadline.stream().filter(t -> t.deadline().dueDate().equals(firstDue) && !overdue.contains(t.no()))
        .map(Plan.KeyTask::no).toList();
    List<Integer> accepted = dueFirst.subList(0, dueFirst.size() / 2);
    List<Integer> dueSoon = dueFirst.subList(accepted.size(), Math.min(dueFirst.size(), accepted.size() + DUE_SOON));
    Map<Integer, LocalDate> setDeadlines = new java.util.LinkedHashMap<>();
    overdue.forEach(no -> setDeadlines.put(no, today.minusDays(OVERDUE_DAYS)));
    dueSoon.forEach(no -> setDeadlines.put(no, today.plusDays(DUE_SOON_DAYS)));
    // The plan is stored as the text imported (dates moved, five deadlines set): every reader of it sees the same plan.
    String demoSource = placedSource(source, days, setDeadlines);
    Plan plan = reader.read(demoSource);
    PlanImportService.ImportResult result = importService.importPlan(plan, demoSource, 0,
        PlanImportService.Importer.trusted("demo"), properties.demo().password(), PlanImportService.Options.IMPORT);
    // The demo's administrator is also the demo county's coordinator: its coordinators' mail reaches admin.
    identitySync.ensureTenantMembership(result.regionId(), properties.admin().userId());
    // The plan's 县纪委监委 contact conducts the interviews in the demo.
    plan.units().stream().filter(u -> u.name().equals(DISCIPLINE_COMMISSION)).findFirst().ifPresent(u ->
        identitySync.ensureMembership(u.id(), properties.escalation().interviewGroup()));

    List<Integer> signedFor = new ArrayList<>();
    for (Plan.KeyTask task : plan.tasks()) {
      if (task.awaitingOwner() || overdue.contains(task.no()) || dueFirst.contains(task.no()) && !accepted.contains(task.no())) {
        // Overdue, due soon or due at the campaign's end: waiting for their lead units to sign for them.
        continue;
      }
      if (accepted.contains(task.no())) {
        // One transaction per task: the steps' own jobs (the 知会 of other units) end with it and never run.
        attempt(() -> transaction.executeWithoutResult(s -> acceptAndCloseOut(plan.info().id(), plan, task)));
      } else if (task.no() % 2 == 0) {
        attempt(() -> signFor(keyTask(plan.info().id(), task.no()), plan, task));
        signedFor.add(task.no());
      }
    }
    for (int no : overdue) {
      escalate(keyTask(plan.info().id(), no));
    }
    LOG.info("Demo plan {} imported with {} key tasks, today late in its second campaign: {} accepted, {} signed for, {} due soon,"
        + " {} overdue", result.planId(), result.keyTasksStarted(), accepted, signedFor, dueSoon, overdue);
    return new Staged(plan.info().id(), accepted, signedFor, dueSoon, overdue);
  }

  /**
   * The job executor runs the new key tasks' first jobs (this month's report) meanwhile: a step that
   * meets one of them on the same instance is tried again.
   */
  private static void attempt(Runnable step) {
    for (int tries = 1; ; tries++) {
      try {
        step.run();
        return;
      } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
        if (tries == 5) {
          throw e;
        }
        LOG.debug("Demo: step met the job executor, trying again: {}", e.getMessage());
      }
    }
  }

  /**
   * The days to move the plan by so that today falls inside its second campaign, as late as can be
   * while no deadline and no report date of the plan lies within {@value #QUIET_DAYS} days of today
   * (before or after): nothing is reminded or found overdue at first start but what the demo sets.
   */
  static long placement(Plan original, LocalDate today) {
    List<Plan.Campaign> campaigns = original.campaigns().stream().sorted(Comparator.comparing(Plan.Campaign::start)).toList();
    if (campaigns.isEmpty()) {
      return ChronoUnit.DAYS.between(LocalDate.of(original.info().year(), today.getMonthValue(), today.getDayOfMonth()), today);
    }
    Plan.Campaign second = campaigns.get(Math.min(1, campaigns.size() - 1));
    List<LocalDate> dates = new ArrayList<>(original.progressReportDates());
    original.tasks().stream().filter(t -> t.deadline() != null).forEach(t -> dates.add(t.deadline().dueDate()));
    campaigns.forEach(c -> dates.add(c.end()));
    LocalDate target = second.end().minusDays(DAYS_BEFORE_CAMPAIGN_END);
    while (target.isAfter(second.start()) && busyAround(target, dates)) {
      target = target.minusDays(1);
    }
    return ChronoUnit.DAYS.between(target, today);
  }

  private static boolean busyAround(LocalDate day, List<LocalDate> dates) {
    return dates.stream().anyMatch(d -> Math.abs(ChronoUnit.DAYS.between(day, d)) <= QUIET_DAYS);
  }

  private static final Pattern ISO_DATE = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");

  /**
   * The plan file's text with every date moved by {@code days}, the plan's year (in its id and title)
   * following its first day, its span ({@code years}) covering the moved year, and the given key
   * tasks' deadlines replaced.
   */
  static String placedSource(String source, long days, Map<Integer, LocalDate> deadlines) {
    Matcher yearLine = Pattern.compile("(?m)^  year: (\\d{4})$").matcher(source);
    int oldYear = yearLine.find() ? Integer.parseInt(yearLine.group(1)) : LocalDate.now().getYear();
    int newYear = LocalDate.of(oldYear, 1, 1).plusDays(days).getYear();
    StringBuilder out = new StringBuilder();
    Matcher m = ISO_DATE.matcher(source);
    while (m.find()) {
      LocalDate moved = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).plusDays(days);
      m.appendReplacement(out, moved.toString());
    }
    m.appendTail(out);
    String text = out.toString()
        .replaceFirst("(?m)^(  id: .*?)" + oldYear + "$", "$1" + newYear)
        .replaceFirst("(?m)^(  title: .*?)" + oldYear, "$1" + newYear)
        // The plan now runs into the next calendar year: its span says so (else its later deadlines fall outside it).
        .replaceFirst("(?m)^  year: " + oldYear + "$", "  years: {from: " + newYear + ", to: "
            + LocalDate.of(oldYear, 12, 31).plusDays(days).getYear() + "}");
    for (Map.Entry<Integer, LocalDate> deadline : deadlines.entrySet()) {
      text = text.replaceFirst("(?ms)^(  - no: " + deadline.getKey() + "\\n(?:(?!  - no: ).)*?    deadline: )\\S+",
          "$1" + deadline.getValue());
    }
    return text;
  }

  private ProcessInstance keyTask(String planId, int no) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(planId, no)).singleResult();
  }

  private Task open(ProcessInstance instance, String step) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(step).singleResult();
  }

  /** Claimed by whoever does the step (the unit's contact, or the coordinator), so history names them. */
  private void complete(Task task, String userId, Map<String, Object> values) {
    taskService.claim(task.getId(), userId);
    taskService.complete(task.getId(), values);
  }

  private void signFor(ProcessInstance instance, Plan plan, Plan.KeyTask task) {
    String unit = task.owningUnitId();
    complete(open(instance, "Task_SignFor"), unit, Map.of("signedBy", contactName(plan, unit), "signedByPhone", "0878-4120000"));
  }

  private void acceptAndCloseOut(String planId, Plan plan, Plan.KeyTask task) {
    ProcessInstance instance = keyTask(planId, task.no());
    String unit = task.owningUnitId();
    String unitName = plan.unit(unit).map(Plan.Unit::name).orElse(unit);
    LocalDate today = Clocks.today(plan.info().timezone());
    signFor(instance, plan, task);
    complete(open(instance, "Task_ImplementationPlan"), unit, Map.of("planSummary", "按重点工作要求分阶段推进，本单位统筹落实。",
        "subItemsText", unitName + "｜" + task.title() + "（牵头单位自行落实）｜" + today));
    complete(open(instance, "Task_RequestCompletion"), unit, Map.of("requestKind", "completion",
        "completionSummary", task.title() + "已按计划完成，提前办结。", "evidenceDescription", "工作总结及台账存于" + unitName,
        "completedOn", today.toString()));
    complete(open(instance, "Task_Acceptance"), properties.admin().userId(), Map.of("acceptanceDecision", "accept"));
  }

  /** The overdue task's watch marks it and mails its notices, and its grace period ends now: the interview is pending. */
  private void escalate(ProcessInstance keyTask) {
    // Its deadline has passed: the key task's timer that starts the watch is due at once; run here, as the grace period's.
    for (Job start : managementService.createJobQuery().processInstanceId(keyTask.getId()).activityId("Timer_WatchStarts")
        .executable().list()) {
      try {
        managementService.executeJob(start.getId());
      } catch (RuntimeException e) {
        LOG.debug("Demo: job {} not run here: {}", start.getId(), e.getMessage());
      }
    }
    ProcessInstance watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(keyTask.getId())
        .variableValueEquals("deadlineKind", "completion").singleResult();
    if (watch == null) {
      return;
    }
    for (int round = 0; round < 10; round++) {
      for (Job grace : managementService.createJobQuery().processInstanceId(watch.getId()).activityId("Timer_GracePeriod").list()) {
        managementService.setJobDuedate(grace.getId(), Clocks.now());
      }
      List<Job> due = managementService.createJobQuery().processInstanceId(watch.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException e) {
          // The job executor ran it first, or it failed and will be retried as usual.
          LOG.debug("Demo: job {} not run here: {}", job.getId(), e.getMessage());
        }
      }
    }
  }

  private static String contactName(Plan plan, String unitId) {
    return plan.unit(unitId).map(Plan.Unit::name).orElse(unitId) + "联络员";
  }
}
