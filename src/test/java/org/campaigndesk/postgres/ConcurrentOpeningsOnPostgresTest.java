package org.campaigndesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.campaign.Campaigns;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.task.KeyTaskStarter;
import org.campaigndesk.task.ReportOpenings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The storms' jobs at the same moment on the production database (issue 15), with the overlap forced:
 * a gate holds each job's transaction after it has read what it decides on, until the others have read
 * theirs, so none commits before the others decided. On H2 this conflict path was never forced.
 * <ul>
 * <li>Two openings of one month in one key task (the key task's own after assignment and the
 * calendar's): both find the month unopened; the engine rolls one back (optimistic locking on the
 * key task), and run again it opens nothing. The month's report opens once.</li>
 * <li>A campaign's chunks' jobs (chunks of items), not exclusive (they run side by side on the job
 * executor's threads): all of them at once touch only their own chunk and its items, so none conflicts;
 * one task per item.</li>
 * </ul>
 */
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // The gated beans below take the place of the application's (same names, as the processes call them).
    properties = "spring.main.allow-bean-definition-overriding=true")
@ActiveProfiles({"test", "postgres"})
@DirtiesContext
class ConcurrentOpeningsOnPostgresTest {

  static {
    TestSmtp.configure();
  }

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.applicationOn(registry);
    // The test plans name no county.
    registry.add("campaign-desk.default-region.id", () -> "pgrace");
    registry.add("campaign-desk.default-region.name", () -> "并发测试县");
    // Chunks of 2 campaign items: the 6 items of the test's campaign are 3 chunks' jobs that run at once.
    registry.add("campaign-desk.campaign-items-per-job", () -> "2");
  }

  /** Holds the jobs that pass it until {@code parties} of them are there (null: open). */
  static volatile CyclicBarrier gate;
  /** The key task whose openings alone pass the gate and are counted (null: every one). */
  static volatile String gatedKeyTask;
  /** How many openings found their month unopened. */
  static final AtomicInteger firstOpenings = new AtomicInteger();

  /** The thread whose check of {@link #gatedKeyTask} waits, before it decides, until {@link #release} (null: none). */
  static volatile Thread held;
  static volatile java.util.concurrent.CountDownLatch reached;
  static volatile java.util.concurrent.CountDownLatch release;

  static void holdHere() {
    if (Thread.currentThread() != held) {
      return;
    }
    reached.countDown();
    try {
      if (!release.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void pass() {
    CyclicBarrier barrier = gate;
    if (barrier != null) {
      try {
        barrier.await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the other jobs did not reach the gate", e);
      }
    }
  }

  @TestConfiguration
  static class Gates {
    @Bean("reportOpenings")
    ReportOpenings reportOpenings(HistoryService historyService) {
      return new ReportOpenings(historyService) {
        @Override
        public boolean firstOfMonth(DelegateExecution opening) {
          if (opening.getProcessInstanceId().equals(gatedKeyTask)) {
            holdHere();
          }
          boolean first = super.firstOfMonth(opening);
          String gated = gatedKeyTask;
          if (gated != null && !gated.equals(opening.getProcessInstanceId())) {
            return first;
          }
          if (first) {
            firstOpenings.incrementAndGet();
          }
          pass();
          return first;
        }
      };
    }

    @Bean("campaigns")
    Campaigns campaigns() {
      return new Campaigns() {
        @Override
        public void setUpItemTask(DelegateTask task) {
          super.setUpItemTask(task);
          pass();
        }
      };
    }
  }

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;
  @Autowired
  DataSource dataSource;

  String planId;

  @AfterEach
  void reset() {
    gate = null;
    gatedKeyTask = null;
    held = null;
    firstOpenings.set(0);
    ClockUtil.reset();
  }

  static Date at(String isoOffsetDateTime) {
    return Date.from(OffsetDateTime.parse(isoOffsetDateTime).toInstant());
  }

  ProcessInstance keyTask(int no) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(planId, no)).singleResult();
  }

  /** Runs the jobs at once, each in its own thread; returns what each threw (null: committed). */
  List<Throwable> atOnce(List<Job> jobs) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(jobs.size());
    List<Future<?>> runs = new ArrayList<>();
    for (Job job : jobs) {
      runs.add(threads.submit(() -> {
        managementService.executeJob(job.getId());
        return null;
      }));
    }
    List<Throwable> outcomes = new ArrayList<>();
    for (Future<?> run : runs) {
      try {
        run.get(90, TimeUnit.SECONDS);
        outcomes.add(null);
      } catch (ExecutionException e) {
        outcomes.add(e.getCause());
      }
    }
    threads.shutdown();
    return outcomes;
  }

  static boolean optimisticLocking(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OptimisticLockingException) {
        return true;
      }
    }
    return false;
  }

  @Test
  void twoOpeningsOfOneMonthInOneKeyTask_atTheSameMoment_openItOnce() throws Exception {
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    // Assigned at 07:45: key task 一 checks at 08:00 itself whether the calendar reached it.
    ClockUtil.setCurrentTime(at("2026-04-01T07:45:00+08:00"));
    planId = "pg-race-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance one = keyTask(1);
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    List<String> own = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId).stream().map(Job::getId).toList();
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    List<Job> both = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId).stream()
        .filter(job -> MonthlyReports.opensIn(job, one.getId())).toList();
    assertThat(both).hasSize(2).extracting(Job::getId).containsAnyElementsOf(own);

    // The calendar's job opens the plan's other key tasks too: only key task 一's openings meet at the gate.
    gatedKeyTask = one.getId();
    gate = new CyclicBarrier(2);
    List<Throwable> outcomes = atOnce(both);
    gate = null;

    // Both read the month as unopened before either committed: the database let one of them through.
    assertThat(firstOpenings.get()).isEqualTo(2);
    assertThat(outcomes).filteredOn(t -> t == null).hasSize(1);
    assertThat(outcomes).filteredOn(t -> t != null).singleElement().matches(ConcurrentOpeningsOnPostgresTest::optimisticLocking,
        "an optimistic locking failure");
    assertThat(taskService.createTaskQuery().processInstanceId(one.getId()).taskDefinitionKey("Task_ProgressReport").count()).isOne();

    // The one rolled back is retried (after a minute) and opens nothing now.
    Job retried = both.stream().filter(job -> managementService.createJobQuery().jobId(job.getId()).count() == 1).findFirst().orElseThrow();
    ClockUtil.setCurrentTime(at("2026-04-01T08:02:00+08:00"));
    managementService.executeJob(retried.getId());
    assertThat(managementService.createJobQuery().jobId(retried.getId()).count()).isZero();
    assertThat(taskService.createTaskQuery().processInstanceId(one.getId()).taskDefinitionKey("Task_ProgressReport").list())
        .singleElement().satisfies(report -> assertThat(report.getName()).endsWith("（4月）"));
    // The plan's other key tasks: their openings run one after another, each once.
    for (Job opening : MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId)) {
      managementService.executeJob(opening.getId());
    }
    for (int no = 1; no <= 4; no++) {
      assertThat(taskService.createTaskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_ProgressReport").count())
          .as("key task %d", no).isOne();
    }
  }

  /**
   * The calendar's job reads the month's history of its key tasks ahead, in one query after it loaded
   * their instances (task.MonthOpenings): key task 一's own opening, committed after that read and
   * before the job reaches key task 一, changed the instance the job claims; the job is rolled back,
   * and run again (split per key task) it opens the month in the others only. Each opens it once.
   */
  @Test
  void anOpeningCommittedAfterTheCalendarsJobReadAhead_rollsTheJobBack_andTheMonthOpensOnce() throws Exception {
    ClockUtil.setCurrentTime(at("2026-04-01T07:45:00+08:00"));
    planId = "pg-ahead-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance one = keyTask(1);
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    Job ownOfOne = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId).stream()
        .filter(job -> one.getId().equals(job.getProcessInstanceId())).findFirst().orElseThrow();
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    Job calendars = MonthlyReports.calendarsOpenings(managementService, runtimeService, planId).stream()
        .filter(job -> MonthlyReports.opensIn(job, one.getId())).findFirst().orElseThrow();

    // The calendar's job waits at key task 一's check, past its read ahead; meanwhile 一's own opening commits.
    gatedKeyTask = one.getId();
    reached = new java.util.concurrent.CountDownLatch(1);
    release = new java.util.concurrent.CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<?> calendarsRun = thread.submit(() -> {
      held = Thread.currentThread();
      managementService.executeJob(calendars.getId());
      return null;
    });
    assertThat(reached.await(60, TimeUnit.SECONDS)).as("the calendar's job reached key task 一").isTrue();
    managementService.executeJob(ownOfOne.getId());
    assertThat(taskService.createTaskQuery().processInstanceId(one.getId()).taskDefinitionKey("Task_ProgressReport").count()).isOne();
    release.countDown();
    Throwable failure = null;
    try {
      calendarsRun.get(90, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    thread.shutdown();
    held = null;
    gatedKeyTask = null;

    // It had read April as unopened in 一, before 一's own opening committed: the database refused its claim.
    assertThat(failure).as("the calendar's job rolled back").isNotNull().matches(ConcurrentOpeningsOnPostgresTest::optimisticLocking,
        "an optimistic locking failure");
    assertThat(taskService.createTaskQuery().processInstanceId(one.getId()).taskDefinitionKey("Task_ProgressReport").count()).isOne();
    // Run again a minute later, as the job executor would: split per key task; then every opening still due.
    ClockUtil.setCurrentTime(at("2026-04-01T08:02:00+08:00"));
    managementService.executeJob(calendars.getId());
    for (Job opening : MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId)) {
      managementService.executeJob(opening.getId());
    }
    for (int no = 1; no <= 4; no++) {
      assertThat(taskService.createTaskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_ProgressReport").list())
          .as("key task %d", no).singleElement().satisfies(report -> assertThat(report.getName()).endsWith("（4月）"));
    }
  }

  @Test
  void aCampaignsItemJobs_allAtOnce_conflictNowhere_andGiveOneTaskEach() throws Exception {
    ClockUtil.setCurrentTime(at("2026-01-01T00:30:00+08:00"));
    planId = "pg-items-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId) + """
        campaigns:
          - id: spring
            name: 春季攻势行动
            start: 2026-01-01
            end: 2026-03-31
            items:
              - {title: 研究下发年度脱贫攻坚任务计划, units: [t-fpb]}
              - {title: 抓实产业扶贫工程，抢抓节令, units: [t-agri, "@townships"]}
              - {title: 全面完成饮水安全问题整改, units: [t-water, t-town1]}
        """, "test", null);
    String spring = runtimeService.createProcessInstanceQuery().processDefinitionKey("campaign")
        .variableValueEquals("planId", planId).variableValueEquals("campaignId", "spring").singleResult().getId();
    ClockUtil.setCurrentTime(at("2026-01-01T08:00:30+08:00"));
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring).activityId("Timer_WindowOpens")
        .singleResult().getId());
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring).activityId("Task_OpenCampaign")
        .singleResult().getId());
    List<Job> items = managementService.createJobQuery().processInstanceId(spring).activityId(Campaigns.ITEM_CHUNK).executable().list();
    assertThat(items).as("6 items in chunks of 2").hasSize(3);
    // The units' mails: a job of the opening's own, without an execution, run beside the items' jobs.
    List<Job> mails = managementService.createJobQuery().processInstanceId(spring).executable().list().stream()
        .filter(job -> job.getExecutionId() == null).toList();
    assertThat(mails).hasSize(1);

    gate = new CyclicBarrier(items.size());
    List<Job> all = new ArrayList<>(items);
    all.addAll(mails);
    List<Throwable> outcomes = atOnce(all);
    gate = null;

    // Every job held its transaction open until all had built their task: none changed what another did.
    assertThat(outcomes).containsOnlyNulls();
    assertThat(managementService.createJobQuery().processInstanceId(spring).activityId(Campaigns.ITEM_CHUNK).count()).isZero();
    assertThat(taskService.createTaskQuery().processInstanceId(spring).taskDefinitionKey("Task_CampaignItem").list())
        .hasSize(6).extracting(task -> task.getName()).doesNotHaveDuplicates();
    assertThat(managementService.createJobQuery().processInstanceId(spring).activityId("Timer_ItemWatchStarts").count()).isEqualTo(6);
    // The loops' own counts are intact: the chunks' loop above all (each chunk's job left them alone), each chunk's above its items.
    String item = taskService.createTaskQuery().processInstanceId(spring).taskDefinitionKey("Task_CampaignItem").list().get(0).getExecutionId();
    assertThat(runtimeService.getVariable(item, "nrOfInstances")).isEqualTo(2);
    assertThat(runtimeService.getVariable(item, "nrOfActiveInstances")).isEqualTo(2);
    assertThat(runtimeService.getVariable(item, "nrOfCompletedInstances")).isEqualTo(0);
    assertThat(runtimeService.createVariableInstanceQuery().processInstanceIdIn(spring).variableName("nrOfActiveInstances").list())
        .extracting(v -> v.getValue()).containsExactlyInAnyOrder(3, 2, 2, 2);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(spring).count()).isZero();
    // One mail to each unit with an address (乙乡 has none), recorded by the mails' job beside the items.
    assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForList("select recipient from cd_mail"
        + " where process_instance_id = ? and kind = 'CAMPAIGN_OPENED'", String.class, spring)).containsExactlyInAnyOrder(
        "t-fpb@test.example.org", "t-agri@test.example.org", "t-town1@test.example.org", "t-water@test.example.org");
  }
}
