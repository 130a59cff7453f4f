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
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.plan.Deadline;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanImportService;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.task.KeyTaskStarter;
import org.campaigndesk.task.KeyTaskVariables;
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
 * the plan is placed so that today falls late in its second campaign (its key tasks due at that
 * campaign's end are due within days), and then some of its work is done as the units would have
 * done it: part of the tasks due first accepted and closed out, some tasks signed for, and two
 * tasks made overdue (demo only: their deadlines set 12 days back) with the discipline commission's
 * interview pending. Every user it creates has the demo password. Apart from what that story
 * sends (two overdue notices, their interview notices, the import's notice of the two overdue
 * tasks and the reminders of what is due within days), nothing is mailed.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "campaign-desk.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  static final String DISCIPLINE_COMMISSION = "县纪委监委";
  /** Days before the second campaign's end on which the demo's today falls. */
  static final int DAYS_BEFORE_CAMPAIGN_END = 5;
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
  record Staged(String planId, List<Integer> accepted, List<Integer> signedFor, List<Integer> overdue) {}

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
    Plan placed = place(original, today);
    if (repository.find(placed.info().id()).isPresent()) {
      return null;
    }
    // The two overdue tasks: the last two of those due latest, so the rest of the year keeps its shape.
    List<Plan.KeyTask> byDeadline = placed.tasks().stream().filter(t -> t.deadline() != null)
        .sorted(Comparator.comparing((Plan.KeyTask t) -> t.deadline().dueDate()).thenComparing(Plan.KeyTask::no)).toList();
    List<Integer> overdue = byDeadline.subList(Math.max(0, byDeadline.size() - 2), byDeadline.size()).stream()
        .map(Plan.KeyTask::no).toList();
    Plan plan = placed;
    for (int no : overdue) {
      plan = plan.withDeadline(no, new Deadline.FixedDate(today.minusDays(OVERDUE_DAYS)));
    }
    PlanImportService.ImportResult result = importService.importPlan(plan, source, plan.info().year() - original.info().year(),
        PlanImportService.Importer.trusted("demo"), properties.demo().password(), PlanImportService.Options.IMPORT);
    // The demo's administrator is also the demo county's coordinator: its coordinators' mail reaches admin.
    identitySync.ensureTenantMembership(result.regionId(), properties.admin().userId());
    // The plan's 县纪委监委 contact conducts the interviews in the demo.
    plan.units().stream().filter(u -> u.name().equals(DISCIPLINE_COMMISSION)).findFirst().ifPresent(u ->
        identitySync.ensureMembership(u.id(), properties.escalation().interviewGroup()));

    // Due within days (the second campaign's end): some already accepted, the others left due soon.
    LocalDate firstDue = byDeadline.stream().map(t -> t.deadline().dueDate()).filter(d -> !d.isBefore(today)).findFirst().orElse(today);
    List<Integer> dueFirst = byDeadline.stream().filter(t -> t.deadline().dueDate().equals(firstDue) && !overdue.contains(t.no()))
        .map(Plan.KeyTask::no).toList();
    List<Integer> accepted = dueFirst.subList(0, (dueFirst.size() + 1) / 2);
    List<Integer> signedFor = new ArrayList<>();
    for (Plan.KeyTask task : plan.tasks()) {
      if (task.awaitingOwner() || overdue.contains(task.no()) || dueFirst.contains(task.no()) && !accepted.contains(task.no())) {
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
    LOG.info("Demo plan {} imported with {} key tasks, today late in its second campaign: {} accepted, {} signed for, {} overdue",
        result.planId(), result.keyTasksStarted(), accepted, signedFor, overdue);
    return new Staged(plan.info().id(), accepted, signedFor, overdue);
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

  /** The plan moved by days so that today falls {@value #DAYS_BEFORE_CAMPAIGN_END} days before its second campaign's end. */
  static Plan place(Plan original, LocalDate today) {
    List<Plan.Campaign> campaigns = original.campaigns().stream().sorted(Comparator.comparing(Plan.Campaign::start)).toList();
    if (campaigns.isEmpty()) {
      return original.shiftedToYear(today.getYear());
    }
    Plan.Campaign second = campaigns.get(Math.min(1, campaigns.size() - 1));
    LocalDate target = second.end().minusDays(DAYS_BEFORE_CAMPAIGN_END);
    if (target.isBefore(second.start())) {
      target = second.start();
    }
    return original.shiftedByDays(ChronoUnit.DAYS.between(target, today));
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
