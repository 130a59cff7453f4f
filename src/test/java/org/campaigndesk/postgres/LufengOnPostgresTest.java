package org.campaigndesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.ops.SparseEngineIndexes;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.task.KeyTaskStarter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The production database: the Lufeng plan imported and one key task walked to close-out. */
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "postgres"})
@org.springframework.context.annotation.Import(org.campaigndesk.StatementLog.Config.class)
// Closed after the class, so the database is no longer in use when the JVM drops or stops it.
@DirtiesContext
class LufengOnPostgresTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.applicationOn(registry);
  }

  @Autowired
  ProcessEngine processEngine;
  @Autowired
  PlanImportService importService;
  @Autowired
  PlanRepository repository;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  DataSource dataSource;

  @Autowired
  org.campaigndesk.kernel.TableStatistics tableStatistics;
  @Autowired
  SparseEngineIndexes sparseIndexes;
  @Autowired
  org.campaigndesk.kernel.InstallationLock installationLock;

  /**
   * The open tasks' index in Tasklist's urgency order is there after start, and the first page of a
   * list sorted so (Camunda's distinct select, as the engine writes it) reads it in order instead of
   * sorting every open task. Planned with sequential scans priced as index reads would be on a large table.
   */
  @Test
  void theUrgencyOrderedPage_readsTheIndexInOrder() {
    org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("select indexdef from pg_indexes where indexname = 'cd_task_urgency'", String.class))
        .containsIgnoringCase("act_ru_task").containsIgnoringCase("(priority_ DESC, due_date_, id_)");
    // On the test's few tasks the planner takes any index that filters, and the count's index filters on the
    // same column: it is out of sight for this plan.
    String plan = planWithoutSequentialScans(jdbc, "select distinct RES.* from ACT_RU_TASK RES where RES.SUSPENSION_STATE_ = 1"
        + " order by RES.PRIORITY_ desc, RES.DUE_DATE_ asc, RES.ID_ asc limit 15 offset 0", "cd_task_active");
    assertThat(plan).contains("cd_task_urgency").doesNotContain("Seq Scan");

    // The open tasks are counted from the index on their suspension state (Tasklist's count of 全部待办).
    assertThat(jdbc.queryForObject("select indexdef from pg_indexes where indexname = 'cd_task_active'", String.class))
        .containsIgnoringCase("act_ru_task").containsIgnoringCase("(suspension_state_)");
    String count = planWithoutSequentialScans(jdbc, "SELECT COUNT(*) from ACT_RU_TASK RES WHERE ( 1 = 1 and RES.SUSPENSION_STATE_ = 1 )");
    assertThat(count).contains("cd_task_active").doesNotContain("Seq Scan");
  }

  /**
   * PostgreSQL's plan of {@code sql} with sequential scans priced as index reads would be on a large table,
   * the {@code hiddenIndexes} out of sight (dropped in a transaction that is rolled back).
   */
  static String planWithoutSequentialScans(org.springframework.jdbc.core.JdbcTemplate jdbc, String sql, String... hiddenIndexes) {
    return jdbc.execute((java.sql.Connection c) -> {
      c.setAutoCommit(false);
      try (var statement = c.createStatement()) {
        statement.execute("set local enable_seqscan = off");
        for (String index : hiddenIndexes) {
          statement.execute("drop index " + index);
        }
        StringBuilder lines = new StringBuilder();
        try (var rows = statement.executeQuery("explain " + sql)) {
          while (rows.next()) {
            lines.append(rows.getString(1)).append('\n');
          }
        }
        return lines.toString();
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    });
  }

  /**
   * Where autovacuum is off (the benchmark machine's server), the application vacuums a table that took
   * many rows, as autovacuum would, so that the open tasks can be counted from an index; where it is on
   * (the embedded server), it leaves vacuuming to autovacuum and only analyzes.
   */
  /**
   * The engine's indexes on columns the application leaves empty hold only the rows with a value
   * (ops.SparseEngineIndexes), still serve the engine's lookups, are made so once (an upgraded
   * installation's full index too), and one not as expected is left alone.
   */
  @Test
  void enginesIndexesOnEmptyColumns_holdOnlyRowsWithAValue() {
    org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    String definition = "select indexdef from pg_indexes where indexname = ?";
    for (SparseEngineIndexes.Sparse index : SparseEngineIndexes.INDEXES) {
      assertThat(jdbc.queryForObject(definition, String.class, index.name())).as(index.name())
          .endsWith("(" + index.columns() + ") WHERE (" + index.emptyColumn() + " IS NOT NULL)");
      assertThat(sparseIndexes.makeSparse(index)).as(index.name()).isTrue();
    }
    assertThat(planWithoutSequentialScans(jdbc, "select * from ACT_RU_VARIABLE where TASK_ID_ = 'a-task' and NAME_ = 'comment'"))
        .contains("act_idx_variable_task");
    assertThat(planWithoutSequentialScans(jdbc, "select ID_ from ACT_HI_VARINST where REMOVAL_TIME_ <= now() limit 500"))
        .contains("act_idx_hi_varinst_rm_time");

    // An installation upgraded from before: the engine's full index is made sparse, rows with a value still in it.
    SparseEngineIndexes.Sparse bytearrays = SparseEngineIndexes.INDEXES.stream()
        .filter(index -> index.name().equals("act_idx_var_bytearray")).findFirst().orElseThrow();
    jdbc.execute("drop index act_idx_var_bytearray");
    jdbc.execute("create index act_idx_var_bytearray on act_ru_variable (bytearray_id_)");
    assertThat(sparseIndexes.makeSparse(bytearrays)).isTrue();
    assertThat(jdbc.queryForObject(definition, String.class, "act_idx_var_bytearray")).endsWith("WHERE (bytearray_id_ IS NOT NULL)");
    String aJsonVariable = jdbc.queryForObject("select bytearray_id_ from act_ru_variable where bytearray_id_ is not null limit 1", String.class);
    assertThat(planWithoutSequentialScans(jdbc, "select ID_ from ACT_RU_VARIABLE where BYTEARRAY_ID_ = '" + aJsonVariable + "'"))
        .contains("act_idx_var_bytearray");

    // Not the definition expected (another engine version's): left alone; a missing index too.
    String superExecution = jdbc.queryForObject(definition, String.class, "act_idx_exe_super");
    assertThat(sparseIndexes.makeSparse(new SparseEngineIndexes.Sparse("act_idx_exe_super", "act_ru_execution", "super_case_exec_",
        "super_case_exec_"))).isFalse();
    assertThat(jdbc.queryForObject(definition, String.class, "act_idx_exe_super")).isEqualTo(superExecution);
    assertThat(sparseIndexes.makeSparse(new SparseEngineIndexes.Sparse("act_idx_none", "act_ru_variable", "name_", "name_"))).isFalse();
    // One that cannot be changed (here: no such column for its condition), inside the start's transaction: rolled back
    // to its savepoint, logged, left as it was; the transaction goes on with the next index.
    installationLock.inTurn(() -> {
      assertThat(sparseIndexes.makeSparse(new SparseEngineIndexes.Sparse("act_idx_exe_super", "act_ru_execution", "super_exec_",
          "no_such_column_"))).isFalse();
      assertThat(sparseIndexes.makeSparse(bytearrays)).isTrue();
    });
    assertThat(jdbc.queryForObject(definition, String.class, "act_idx_exe_super")).isEqualTo(superExecution);
  }

  @Test
  void tablesThatTookManyRows_areVacuumedByTheApplication_onlyWhereAutovacuumIsOff() throws Exception {
    org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    boolean autovacuumOff = "off".equals(jdbc.queryForObject("select current_setting('autovacuum')", String.class));
    String vacuums = "select vacuum_count from pg_stat_user_tables where relname = 'cd_mail'";
    long before = jdbc.queryForObject(vacuums, Long.class);
    jdbc.batchUpdate("insert into cd_mail (idempotency_key, kind, recipient, subject, text_body, html_body, smtp, sent_at)"
        + " values (?, 'vacuum', 'x@example.org', 's', 't', 'h', false, now())",
        java.util.stream.IntStream.range(0, 1500).mapToObj(i -> new Object[] {"vacuum-" + java.util.UUID.randomUUID()}).toList());
    try {
      String inserted = "select n_ins_since_vacuum from pg_stat_user_tables where relname = 'cd_mail'";
      for (int i = 0; i < 50 && jdbc.queryForObject(inserted, Long.class) < 1500; i++) {
        Thread.sleep(200);
      }
      for (int i = 0; i < 20 && jdbc.queryForObject(vacuums, Long.class) == before; i++) {
        tableStatistics.refresh();
        Thread.sleep(200);
      }
      // vacuum_count counts manual VACUUM only (autovacuum's are autovacuum_count): the application's.
      if (autovacuumOff) {
        assertThat(jdbc.queryForObject(vacuums, Long.class)).isGreaterThan(before);
      } else {
        assertThat(jdbc.queryForObject(vacuums, Long.class)).isEqualTo(before);
      }
    } finally {
      jdbc.update("delete from cd_mail where kind = 'vacuum'");
    }
  }

  /**
   * A task count that joins nothing (the administrator's 全部待办) is counted without Camunda's DISTINCT
   * and gives the same number; one that joins the candidate groups keeps it, so a task offered to two of
   * the caller's groups is still one task.
   */
  @Test
  void aTaskCountThatJoinsNothing_countsWithoutDistinct_andCountsRight() {
    org.camunda.bpm.engine.TaskService tasks = processEngine.getTaskService();
    String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
    List<String> created = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Task task = tasks.newTask("count-" + tag + "-" + i);
      task.setName("计数 " + i);
      tasks.saveTask(task);
      tasks.addCandidateGroup(task.getId(), "count-a-" + tag);
      tasks.addCandidateGroup(task.getId(), "count-b-" + tag);
      created.add(task.getId());
    }
    try {
      org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
      org.campaigndesk.Statements.Counted<Long> all = org.campaigndesk.Statements.count(() -> tasks.createTaskQuery().active().count());
      assertThat(all.result()).isEqualTo(jdbc.queryForObject("select count(*) from act_ru_task where suspension_state_ = 1", Long.class));
      assertThat(all.sql()).filteredOn(sql -> sql.toLowerCase().contains("count(")).singleElement()
          .satisfies(sql -> assertThat(sql).containsIgnoringCase("from ACT_RU_TASK RES").doesNotContainIgnoringCase("distinct"));

      org.campaigndesk.Statements.Counted<Long> offered = org.campaigndesk.Statements.count(
          () -> tasks.createTaskQuery().taskCandidateGroupIn(List.of("count-a-" + tag, "count-b-" + tag)).count());
      assertThat(offered.result()).isEqualTo(3);
      assertThat(offered.sql()).filteredOn(sql -> sql.toLowerCase().contains("count(")).singleElement()
          .satisfies(sql -> assertThat(sql).containsIgnoringCase("distinct"));
    } finally {
      created.forEach(id -> tasks.deleteTask(id, true));
    }
  }

  /** Autovacuum may be off (it is on the benchmark machine): the application analyzes what changed itself. */
  @Test
  void tablesChangedInBulk_areAnalyzedByTheApplication() throws Exception {
    org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
    jdbc.batchUpdate("insert into cd_mail (idempotency_key, kind, recipient, subject, text_body, html_body, smtp, sent_at)"
        + " values (?, 'bench', 'x@example.org', 's', 't', 'h', false, now())",
        java.util.stream.IntStream.range(0, 300).mapToObj(i -> new Object[] {"statistics-" + i}).toList());
    jdbc.update("delete from cd_mail where kind = 'bench'");
    // The server's activity counters reach pg_stat_user_tables within a second or so. analyze_count
    // counts manual ANALYZE only (autovacuum's are autoanalyze_count): the application's.
    String manualAnalyses = "select analyze_count from pg_stat_user_tables where relname = 'cd_mail'";
    for (int i = 0; i < 50 && jdbc.queryForObject(manualAnalyses, Long.class) == 0; i++) {
      Thread.sleep(200);
      tableStatistics.refresh();
    }
    assertThat(jdbc.queryForObject(manualAnalyses, Long.class)).isPositive();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void lufengPlan_importsAndAKeyTaskReachesCloseOut() throws Exception {
    AbstractAssertions.init(processEngine);
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2020-03-10T09:00:00+08:00").toInstant()));
    String source = Files.readString(Path.of("plans/lufeng-2020.yaml"), StandardCharsets.UTF_8);

    PlanImportService.ImportResult result = importService.importPlan(source, "admin", null);
    assertThat(result.keyTasksStarted()).isEqualTo(20);
    assertThat(repository.find("lufeng-2020")).isPresent();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .variableValueEquals("planId", "lufeng-2020").count()).isEqualTo(20);

    // 【三】住房安全保障工程: 县住房城乡建设局 leads; of its 14 townships the plan's breakdown names 金山镇 only.
    ProcessInstance pi = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("key-task").processInstanceBusinessKey(KeyTaskStarter.businessKey("lufeng-2020", 3)).singleResult();
    Task signFor = task("Task_SignFor", pi);
    assertThat(signFor.getName()).isEqualTo("【三】住房安全保障工程 · 签收");
    BpmnAwareTests.assertThat(signFor).hasCandidateGroup("housing");
    complete(signFor, withVariables("signedBy", "住建局联络员", "signedByPhone", "0878-4121234"));
    complete(task("Task_ImplementationPlan", pi), Variables.createVariables()
        .putValue("planSummary", "农村危房改造回头看问题整改方案")
        .putValueTyped("subItems", SpinValues.jsonValue(
            "[{\"content\": \"危房改造问题清零\", \"ownerUnit\": \"jinshan\", \"dueDate\": \"2020-05-31\"}]").create()));
    List<Task> contributions = taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list();
    // Contributions follow the implementation plan: a task for the unit its breakdown names, the other townships informed.
    assertThat(contributions).hasSize(1);
    BpmnAwareTests.assertThat(contributions.get(0)).hasCandidateGroup("jinshan");
    contributions.forEach(t -> complete(t, withVariables("contributionReport", "本乡镇危房改造问题已整改", "contributionDate", "2020-05-20")));
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary", "危房改造任务清零，真搬实住",
        "evidenceDescription", "整改台账", "completedOn", "2020-06-25"));
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));

    BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Task_CloseOut", "EndEvent_ClosedOut");
    // The plan's own (the test classes share one database: others leave key tasks of their own plans).
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .variableValueEquals("planId", "lufeng-2020").count()).isEqualTo(19);
  }
}
