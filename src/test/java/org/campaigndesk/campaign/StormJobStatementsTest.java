package org.campaigndesk.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;

import java.util.List;
import java.util.UUID;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.Statements;
import org.campaigndesk.imports.PlanImportService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SQL statements one job of each storm runs (issue 15: the storms drain at a fraction of plain
 * Camunda's due timer jobs, each of which ends its instance), counted on the job's own thread.
 */
class StormJobStatementsTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;
  @Autowired
  org.campaigndesk.kernel.DeferredJobs deferredJobs;
  @Autowired
  org.camunda.bpm.engine.RepositoryService repositoryService;

  /**
   * A chunk's job of the 4 items: 111 statements (14 select, 95 insert), 30 round trips (the selects,
   * one batch per kind of insert, the job's update and delete, the commit). One job per item before:
   * 33 statements, 14 of them selects, 28 round trips, each.
   */
  static final int CHUNK_SELECTS = 14;
  static final int CHUNK_STATEMENTS = 111;
  static final int CHUNK_ROUND_TRIPS = 30;

  Statements.Counted<Void> run(Job job) {
    Statements.Counted<Void> counted = Statements.count(() -> managementService.executeJob(job.getId()));
    if (Boolean.getBoolean("statements.sql")) {
      counted.sql().forEach(sql -> System.out.println("    | " + (sql.length() > 200 ? sql.substring(0, 140) + " … " + sql.substring(Math.max(140, sql.length() - 200)) : sql)));
    }
    return counted;
  }

  /**
   * The campaign opening's job and one job per item (a main content for one unit): a user task with
   * its candidate group, the audit row of who was offered it, its form's placeholders and the timer
   * that starts its reminders. Before: 36 statements, 17 of them selects (the task's own variables,
   * queried though new; the unit's read on the campaign looked up though the opening granted it; the
   * assignment's typed JSON in a byte array of its own, written twice per item by the opening).
   */
  @Test
  void campaignOpeningAndItsItems() {
    clock("2026-01-01T00:30:00+08:00");
    planId = "st-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(CampaignPlans.plan(planId, 0), "test", null);
    ProcessInstance spring = runtimeService.createProcessInstanceQuery().processDefinitionKey(CampaignVariables.PROCESS_KEY)
        .processInstanceBusinessKey(planId).variableValueEquals(CampaignVariables.CAMPAIGN_ID, "spring").singleResult();

    clock("2026-01-01T08:00:30+08:00");
    managementService.executeJob(jobAt(spring, "Timer_WindowOpens").getId());
    Statements.Counted<Void> opening = run(jobAt(spring, "Task_OpenCampaign"));
    System.out.println("campaign opening job (4 items, 4 units):\n" + opening);
    // Each unit's read on the campaign, looked up for all units in one query, granted once.
    assertThat(opening.of("select", "ACT_RU_AUTHORIZATION")).isEqualTo(1);
    assertThat(opening.of("insert", "ACT_RU_AUTHORIZATION")).isEqualTo(4);
    // The assignments are text in their variables' rows: no byte array per item, nor for its history.
    assertThat(opening.of("insert", "ACT_GE_BYTEARRAY")).isZero();

    List<Job> chunks = managementService.createJobQuery().processInstanceId(spring.getId()).activityId(Campaigns.ITEM_CHUNK).list();
    assertThat(chunks).as("the 4 items in one chunk").hasSize(1);
    Statements.Counted<Void> chunk = run(chunks.get(0));
    System.out.println("campaign items' chunk job (4 items):\n" + chunk);
    assertThat(chunk.of("select", "ACT_RU_AUTHORIZATION")).as("the opening's grant is not looked up").isZero();
    assertThat(chunk.of("select", "ACT_GE_BYTEARRAY")).as("the assignments are read with their variable").isZero();
    assertThat(chunk.of("insert", "ACT_RU_TASK")).isEqualTo(4);
    assertThat(chunk.of("insert", "ACT_RU_AUTHORIZATION")).as("each task's own grant").isEqualTo(4);
    // The chunk's scope, the execution above it and the campaign's (for its name and end): not per item, not the new tasks'.
    assertThat(chunk.of("select", "ACT_RU_VARIABLE")).isEqualTo(3);
    assertThat(chunk.of("select")).isLessThanOrEqualTo(CHUNK_SELECTS);
    assertThat(chunk.total()).isLessThanOrEqualTo(CHUNK_STATEMENTS);
    assertThat(chunk.roundTrips()).isLessThanOrEqualTo(CHUNK_ROUND_TRIPS);

    // What users get is unchanged: one task per item, each unit reads the campaign by one grant.
    List<org.camunda.bpm.engine.task.Task> tasks = taskService.createTaskQuery().processInstanceId(spring.getId())
        .taskDefinitionKey(CampaignVariables.ITEM_TASK).list();
    assertThat(tasks).extracting(org.camunda.bpm.engine.task.Task::getName).containsExactlyInAnyOrder(
        "【春季攻势行动】研究下发年度脱贫攻坚任务计划 · 测试县扶贫办", "【春季攻势行动】抓实产业扶贫工程 · 测试县农业农村局",
        "【春季攻势行动】抓实产业扶贫工程 · 甲镇", "【春季攻势行动】抓实产业扶贫工程 · 乙乡");
    assertThat(tasks).allSatisfy(t -> assertThat(taskService.getVariablesLocal(t.getId()))
        .containsOnlyKeys("itemTitle", "unitName", "itemReport", "itemCompletedOn").containsEntry("itemReport", ""));
    for (String unit : List.of("t-fpb", "t-agri", "t-town1", "t-town2")) {
      assertThat(processEngine.getAuthorizationService().createAuthorizationQuery().groupIdIn(unit)
          .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE).resourceId(spring.getId()).list())
          .singleElement().satisfies(grant -> assertThat(grant.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.READ)).isTrue());
    }
  }

  /**
   * A campaign of 40 items (10 main contents for 4 units each), counted from its opening until every
   * item's task exists: statements and round trips per item opened, the jobs' own included (each job's
   * select, delete and commit; the job executor's acquisition adds a lock update per job and a select per
   * acquisition on top). Before (one job per item, main at ffb38fc): 39.9 statements and 28.7 round
   * trips per item opened, 41 jobs; in chunks of 16: 25.0 and 3.1, 4 jobs.
   */
  @Test
  void aCampaignOfFortyItems_perItemOpened() {
    clock("2026-01-01T00:30:00+08:00");
    planId = "sf-" + UUID.randomUUID().toString().substring(0, 8);
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      items.append("      - {title: 第").append(i).append("项主要内容，抓好落实, units: [t-fpb, t-agri, \"@townships\"]}\n");
    }
    importService.importPlan(org.campaigndesk.TestPlans.plan(planId) + """
        campaigns:
          - id: spring
            name: 春季攻势行动
            start: 2026-01-01
            end: 2026-03-31
            items:
        """ + items, "test", null);
    ProcessInstance spring = runtimeService.createProcessInstanceQuery().processDefinitionKey(CampaignVariables.PROCESS_KEY)
        .processInstanceBusinessKey(planId).variableValueEquals(CampaignVariables.CAMPAIGN_ID, "spring").singleResult();
    clock("2026-01-01T08:00:30+08:00");
    managementService.executeJob(jobAt(spring, "Timer_WindowOpens").getId());

    int statements = 0;
    int roundTrips = 0;
    int jobs = 0;
    // The opening's job, then the jobs it leaves (the items' work; not the opening's mails, which have no execution).
    for (List<Job> due = List.of(jobAt(spring, "Task_OpenCampaign")); !due.isEmpty();
        due = managementService.createJobQuery().processInstanceId(spring.getId()).executable().list().stream()
            .filter(job -> job.getExecutionId() != null).toList()) {
      for (Job job : due) {
        Statements.Counted<Void> counted = run(job);
        statements += counted.total();
        roundTrips += counted.roundTrips();
        jobs++;
      }
    }
    int opened = (int) taskService.createTaskQuery().processInstanceId(spring.getId()).taskDefinitionKey(CampaignVariables.ITEM_TASK).count();
    assertThat(opened).isEqualTo(40);
    // The opening and 3 chunks (16, 16, 8 items).
    assertThat(jobs).isEqualTo(4);
    System.out.printf("campaign of 40 items: %d jobs, %d statements, %d round trips: %.1f statements and %.1f round trips per item opened%n",
        jobs, statements, roundTrips, statements / 40.0, roundTrips / 40.0);
    assertThat(statements).isLessThanOrEqualTo(1001);
    assertThat(roundTrips).isLessThanOrEqualTo(125);
  }

  /**
   * Campaigns opened before keep their assignments as typed JSON (and their units' grants unmarked),
   * on the version whose items were a job each: their items' jobs make the same tasks.
   */
  @Test
  void itemsOfACampaignOpenedBefore() {
    // The version before chunks (one job per item), as campaigns opened on it still run.
    org.campaigndesk.LegacyDeployments deployments = new org.campaigndesk.LegacyDeployments(repositoryService, runtimeService);
    try {
      deployments.from("legacy-items", CampaignVariables.PROCESS_KEY, "processes/campaign.bpmn");
      itemsOfACampaignOpenedBeforeChunks();
    } finally {
      deployments.remove();
    }
  }

  void itemsOfACampaignOpenedBeforeChunks() {
    clock("2026-01-01T00:30:00+08:00");
    planId = "so-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(CampaignPlans.plan(planId, 0), "test", null);
    ProcessInstance spring = runtimeService.createProcessInstanceQuery().processDefinitionKey(CampaignVariables.PROCESS_KEY)
        .processInstanceBusinessKey(planId).variableValueEquals(CampaignVariables.CAMPAIGN_ID, "spring").singleResult();
    clock("2026-01-01T08:00:30+08:00");
    managementService.executeJob(jobAt(spring, "Timer_WindowOpens").getId());
    managementService.executeJob(jobAt(spring, "Task_OpenCampaign").getId());
    // As the opening of main at 8ba41e0 left them.
    runtimeService.removeVariable(spring.getId(), org.campaigndesk.kernel.TaskHolderReadsItsInstance.GRANTED_BEFOREHAND);
    for (var v : runtimeService.createVariableInstanceQuery().processInstanceIdIn(spring.getId())
        .variableName(CampaignVariables.ASSIGNMENT).list()) {
      assertThat(v.getValue()).isInstanceOf(String.class);
      runtimeService.setVariableLocal(v.getExecutionId(), v.getName(), org.camunda.spin.Spin.JSON(v.getValue()));
    }
    List<Job> items = managementService.createJobQuery().processInstanceId(spring.getId()).activityId("SubProcess_ItemWork").list();
    List<Statements.Counted<Void>> counted = items.stream().map(this::run).toList();
    // The grant is looked up again, and found (no second grant), the typed JSON read from its byte array.
    assertThat(counted).allSatisfy(c -> {
      assertThat(c.of("select", "ACT_RU_AUTHORIZATION")).isEqualTo(1);
      assertThat(c.of("select", "ACT_GE_BYTEARRAY")).isEqualTo(1);
    });
    assertThat(taskService.createTaskQuery().processInstanceId(spring.getId()).taskDefinitionKey(CampaignVariables.ITEM_TASK).list())
        .extracting(org.camunda.bpm.engine.task.Task::getName)
        .containsExactlyInAnyOrder("【春季攻势行动】研究下发年度脱贫攻坚任务计划 · 测试县扶贫办", "【春季攻势行动】抓实产业扶贫工程 · 测试县农业农村局",
            "【春季攻势行动】抓实产业扶贫工程 · 甲镇", "【春季攻势行动】抓实产业扶贫工程 · 乙乡");
    for (String unit : List.of("t-fpb", "t-agri", "t-town1", "t-town2")) {
      assertThat(processEngine.getAuthorizationService().createAuthorizationQuery().groupIdIn(unit)
          .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE).resourceId(spring.getId()).count()).isEqualTo(1);
    }
  }

  /**
   * A month's opening in the test plan's four key tasks (the calendar's fan-out): one job for the
   * four, each getting the report's scope with its month and due date, the report task with its
   * placeholders, the timer that starts its watch, the claim of the month. Before (one job per key
   * task, main at ffb38fc): per report 50 statements, 12 of them selects, and 27 round trips (12 selects,
   * 13 batches, 2 commits); 200 statements and 108 round trips for the four. In one job 185 and 53; with the
   * instances, the month's history and the read grants read for the four at once, 176 and 44; with the whole
   * trees read ahead (kernel.InstanceTrees), 159 and 27.
   */
  @Test
  void monthOpening() {
    clock("2026-01-05T09:00:00+08:00");
    planId = "sm-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(CampaignPlans.plan(planId, 0), "test", null);
    for (Job atAssignment : MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId)) {
      managementService.executeJob(atAssignment.getId());
    }
    clock("2026-02-01T08:00:30+08:00");
    Job calendar = MonthlyReports.calendarOpening(managementService, runtimeService, planId);
    System.out.println("month-start calendar job:\n" + run(calendar));
    List<Job> openings = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId);
    assertThat(openings).as("one job for the plan's four key tasks").hasSize(1);
    Statements.Counted<Void> opening = run(openings.get(0));
    System.out.println("month openings job (4 key tasks):\n" + opening);
    assertThat(opening.of("insert", "ACT_RU_TASK")).isEqualTo(4);
    // Per report: the job's own statements are shared, the rows of each kind go in one batch for the four.
    // The four key tasks' trees (executions, event subscriptions, variables, the records' byte arrays), their month's
    // history and their read grants in one query each (before: one each per key task, 36 selects, 185 statements;
    // then the instances, history and grants at once and per key task the correlation's executions, the waiting
    // execution's subscriptions and children, the variables and the record, 23 selects, 176 statements).
    for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_EVENT_SUBSCR", "ACT_RU_VARIABLE", "ACT_GE_BYTEARRAY", "ACT_HI_VARINST",
        "ACT_RU_AUTHORIZATION")) {
      assertThat(opening.of("select", table)).as(table).isEqualTo(1);
    }
    // The instances before the history (the claim's revision is older than what the history shows: no month opens twice).
    List<String> sql = opening.sql().stream().map(String::toUpperCase).toList();
    int instances = java.util.stream.IntStream.range(0, sql.size()).filter(i -> sql.get(i).startsWith("SELECT")
        && sql.get(i).contains("FROM ACT_RU_EXECUTION") && sql.get(i).contains("PROC_INST_ID_ IN")).findFirst().orElseThrow();
    int history = java.util.stream.IntStream.range(0, sql.size()).filter(i -> sql.get(i).contains("FROM ACT_HI_VARINST")).findFirst().orElseThrow();
    assertThat(instances).isLessThan(history);
    assertThat(opening.of("select")).isLessThanOrEqualTo(10);
    assertThat(opening.total()).isLessThanOrEqualTo(159);
    // The job's commit and the engine's empty one after it (PostgreSQL's driver does not send that one).
    assertThat(opening.commits()).isEqualTo(2);
    assertThat(opening.roundTrips()).isLessThanOrEqualTo(27);
    assertThat(taskService.createTaskQuery().processInstanceIdIn(keyTaskIds())
        .taskDefinitionKey("Task_ProgressReport").list()).hasSize(8)
        .filteredOn(t -> t.getName().endsWith("（2月）")).hasSize(4);
  }

  String[] keyTaskIds() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task").variableValueEquals("planId", planId).list()
        .stream().map(ProcessInstance::getId).toArray(String[]::new);
  }

  /**
   * A county's month start (Lufeng's plan, 20 key tasks carried out), per report opened: as main ran it
   * (the calendar's one job per key task, written here as main's calendar wrote them) and as the
   * calendar runs it now (one job for the 20). Counted on the jobs' threads: statements, round trips
   * (a statement run alone, a batch, a commit), the job rows the storm writes and deletes.
   */
  @Test
  void monthStartOfACountyPlan_perReportOpened() throws Exception {
    // Before: one job per key task.
    String before = importLufeng("2020-03-25T09:00:00+08:00");
    clock("2020-04-01T08:00:30+08:00");
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, before).getId());
    Job chunk = MonthlyReports.calendarsOpenings(managementService, runtimeService, before).get(0);
    // In its place the jobs main's calendar left: one per key task, on the key task, configuration for configuration.
    String[] parts = ((JobEntity) chunk).getJobHandlerConfigurationRaw().substring("month-openings:".length()).split("\\|");
    managementService.deleteJob(chunk.getId());
    for (String keyTask : parts[2].split(",")) {
      deferredJobs.schedule("review-opening", keyTask + "|MonthlyReportDue|" + parts[0] + "|" + parts[1], keyTask, chunk.getTenantId());
    }
    List<Job> singles = MonthlyReports.openingsOfThePlan(managementService, runtimeService, before);
    int reports = singles.size();
    assertThat(reports).isGreaterThanOrEqualTo(15);
    List<Statements.Counted<Void>> each = singles.stream().map(this::run).toList();
    assertThat(openedIn(before)).isEqualTo(reports);

    // After: one job for up to 20.
    String after = importLufeng("2020-03-25T09:00:00+08:00");
    clock("2020-04-01T08:00:30+08:00");
    Statements.Counted<Void> calendarAfter = run(MonthlyReports.calendarOpening(managementService, runtimeService, after));
    List<Job> chunks = MonthlyReports.calendarsOpenings(managementService, runtimeService, after);
    assertThat(chunks).hasSize((reports + 19) / 20);
    List<Statements.Counted<Void>> chunked = chunks.stream().map(this::run).toList();
    assertThat(openedIn(after)).isEqualTo(reports);

    int statementsBefore = each.stream().mapToInt(Statements.Counted::total).sum();
    int roundTripsBefore = each.stream().mapToInt(Statements.Counted::roundTrips).sum();
    int statementsAfter = chunked.stream().mapToInt(Statements.Counted::total).sum();
    int roundTripsAfter = chunked.stream().mapToInt(Statements.Counted::roundTrips).sum();
    System.out.printf("county month start, %d reports: before %d statements, %d round trips (%d commits), %d jobs;"
            + " after %d statements, %d round trips (%d commits), %d jobs%n", reports, statementsBefore, roundTripsBefore,
        each.stream().mapToInt(Statements.Counted::commits).sum(), each.size(), statementsAfter, roundTripsAfter,
        chunked.stream().mapToInt(Statements.Counted::commits).sum(), chunked.size());
    System.out.printf("per report: before %.1f statements, %.1f round trips; after %.1f statements, %.1f round trips%n",
        statementsBefore / (double) reports, roundTripsBefore / (double) reports, statementsAfter / (double) reports,
        roundTripsAfter / (double) reports);
    System.out.println("one opening job before:\n" + each.get(0) + "the chunk job after:\n" + chunked.get(0));
    System.out.println("calendar job:\n" + calendarAfter);

    // The calendar writes one job row per 20 key tasks (main: one per key task, in one batch) beside its next timer;
    // the engine selects, locks and deletes each job row once.
    assertThat(calendarAfter.of("insert", "ACT_RU_JOB")).isEqualTo(1 + chunks.size());
    assertThat(chunked.stream().mapToInt(c -> c.of("delete", "ACT_RU_JOB")).sum()).isEqualTo(chunks.size());
    assertThat(each.stream().mapToInt(c -> c.of("delete", "ACT_RU_JOB")).sum()).isEqualTo(reports);
    // Before: 52 statements and 27 round trips per report (12 selects, 13 batches, 2 commits: the job's and the
    // engine's empty one after it, which PostgreSQL's driver does not send).
    assertThat(statementsBefore).isLessThanOrEqualTo(52 * reports);
    assertThat(roundTripsBefore).isLessThanOrEqualTo(27 * reports);
    // After: 39.6 and 1.7 (0.5 selects: 10 for the 20, of which 6 are the engine's own per job; 22 batches and 2
    // commits). In chunks without reading ahead (main at d0b4576): 47.3 and 9.4, each key task's instance, its month's
    // history and its lead unit's read grant looked up for it alone; with those read ahead (main at a73dd0d): 44.4 and
    // 6.6, per key task still the correlation's executions, the waiting execution's event subscriptions and children,
    // the instance's variables and the record's byte array (5 selects).
    assertThat(chunked.stream().mapToInt(Statements.Counted::commits).sum()).isEqualTo(2 * chunks.size());
    // A job's key tasks read ahead, one query each for all: the trees (executions, event subscriptions, variables, the
    // records' byte arrays), the month's history and the read grants; nothing of them is read per key task.
    for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_EVENT_SUBSCR", "ACT_RU_VARIABLE", "ACT_GE_BYTEARRAY", "ACT_HI_VARINST",
        "ACT_RU_AUTHORIZATION")) {
      assertThat(chunked.stream().mapToInt(c -> c.of("select", table)).sum()).as(table).isEqualTo(chunks.size());
    }
    assertThat(chunked.stream().mapToInt(c -> c.of("select")).sum()).isLessThanOrEqualTo(10 * chunks.size());
    // The executions written are those one job per key task writes: the read ahead makes none look changed.
    assertThat(chunked.stream().mapToInt(c -> c.of("update", "ACT_RU_EXECUTION")).sum())
        .isEqualTo(each.stream().mapToInt(c -> c.of("update", "ACT_RU_EXECUTION")).sum());
    assertThat(statementsAfter * 10).isLessThanOrEqualTo(396 * reports);
    assertThat(roundTripsAfter * 10).isLessThanOrEqualTo(17 * reports);
  }

  int openedIn(String plan) {
    return (int) taskService.createTaskQuery().processInstanceIdIn(runtimeService.createProcessInstanceQuery()
            .processDefinitionKey("key-task").variableValueEquals("planId", plan).list().stream().map(ProcessInstance::getId)
            .toArray(String[]::new))
        .taskDefinitionKey("Task_ProgressReport").list().stream().filter(t -> t.getName().endsWith("（4月）")).count();
  }

  /** Lufeng's plan (20 key tasks, 2020) as a county of its own; its instances go after the test. */
  String importLufeng(String at) throws Exception {
    clock(at);
    String id = "lfm-" + UUID.randomUUID().toString().substring(0, 8);
    String source = java.nio.file.Files.readString(java.nio.file.Path.of("plans/lufeng-2020.yaml"), java.nio.charset.StandardCharsets.UTF_8)
        .replace("id: lufeng-2020", "id: " + id)
        .replace("region: {id: lufeng, name: 禄丰县}", "region: {id: " + id + ", name: 禄丰县（测量）}");
    importService.importPlan(source, "test", null);
    imported.add(id);
    return id;
  }

  final List<String> imported = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void dropImported() {
    // Measured; the plans' instances go, so that no later test of the shared context runs their jobs.
    for (String id : imported) {
      runtimeService.createProcessInstanceQuery().variableValueEquals("planId", id).list().stream()
          .filter(pi -> runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0)
          .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi.getId(), "measured", true, true, true, false));
    }
  }

  Job jobAt(ProcessInstance instance, String activityId) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
  }
}
