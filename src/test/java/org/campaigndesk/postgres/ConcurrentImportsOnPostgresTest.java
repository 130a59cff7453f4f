package org.campaigndesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.RuntimeService;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.imports.PlanAlreadyImportedException;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.scoring.ScoringStarter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Imports of several counties at the same moment on the production database (issue 15): they run
 * side by side, and what counties share (installation-wide unit and leader ids, the campaign filters,
 * the coordinators group) comes out right; imports of one county and of one plan still run one after
 * another.
 */
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // The gated scoring starter below takes the place of the application's.
    properties = "spring.main.allow-bean-definition-overriding=true")
@ActiveProfiles({"test", "postgres"})
@DirtiesContext
class ConcurrentImportsOnPostgresTest {

  static {
    TestSmtp.configure();
  }

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresDatabase.applicationOn(registry);
  }

  /** Holds each import, its people and key tasks written and not yet committed, until {@code parties} are there (null: open). */
  static volatile CyclicBarrier gate;
  /** Imports between their key tasks and their commit, now and at most. */
  static final AtomicInteger inFlight = new AtomicInteger();
  static final AtomicInteger mostInFlight = new AtomicInteger();

  @TestConfiguration
  static class Gates {
    @Bean("scoringStarter")
    ScoringStarter scoringStarter(RuntimeService runtimeService) {
      return new ScoringStarter(runtimeService) {
        @Override
        public void start(Plan plan) {
          super.start(plan);
          mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            CyclicBarrier barrier = gate;
            if (barrier != null) {
              barrier.await(60, TimeUnit.SECONDS);
            } else {
              // Long enough for the others to get here too, if they may.
              Thread.sleep(150);
            }
          } catch (Exception e) {
            throw new IllegalStateException("the other imports did not reach the gate: they did not run at the same time", e);
          } finally {
            inFlight.decrementAndGet();
          }
        }
      };
    }
  }

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  IdentityService identityService;
  @Autowired
  DataSource dataSource;
  @Autowired
  org.campaigndesk.identity.AdminBootstrap adminBootstrap;
  @Autowired
  org.campaigndesk.identity.TasklistFilters tasklistFilters;
  @Autowired
  org.campaigndesk.kernel.InstallationLock installationLock;
  @Autowired
  org.springframework.transaction.PlatformTransactionManager transactionManager;

  JdbcTemplate jdbc;
  /** This test's ids: a fresh prefix, so that no earlier test holds them. */
  String run;

  @BeforeEach
  void setUp() {
    jdbc = new JdbcTemplate(dataSource);
    run = "r" + UUID.randomUUID().toString().substring(0, 6);
    // Inside the test plans' year, before its campaigns and deadlines.
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-02-10T09:00:00+08:00").toInstant()));
  }

  @AfterEach
  void reset() {
    gate = null;
    inFlight.set(0);
    mostInFlight.set(0);
    ClockUtil.reset();
  }

  /** County {@code county}'s plan: the test plan with unit and leader ids {@code ids-…}, and a campaign. */
  String plan(String county, String ids, String campaign) {
    return TestPlans.plan(county + "-2026").replace("t-", ids + "-")
        .replace("year: 2026", "year: 2026\n  region: {id: " + county + ", name: 并发县" + county + "}") + """
        campaigns:
          - id: spring
            name: %s
            start: 2026-03-01
            end: 2026-04-30
            items:
              - {title: 抓实产业扶贫工程, units: [%s-agri]}
        """.formatted(campaign, ids);
  }

  /** Imports {@code plans} each from its own thread, all let go at once; returns what each answered or threw. */
  List<Object> atOnce(List<String> plans) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(plans.size());
    CyclicBarrier start = new CyclicBarrier(plans.size());
    List<Future<PlanImportService.ImportResult>> runs = new ArrayList<>();
    for (String yaml : plans) {
      runs.add(threads.submit(() -> {
        start.await(30, TimeUnit.SECONDS);
        return importService.importPlan(yaml, PlanImportService.Importer.trusted("test"), null, PlanImportService.Options.IMPORT);
      }));
    }
    List<Object> outcomes = new ArrayList<>();
    for (Future<PlanImportService.ImportResult> run : runs) {
      try {
        outcomes.add(run.get(180, TimeUnit.SECONDS));
      } catch (ExecutionException e) {
        outcomes.add(e.getCause());
      }
    }
    threads.shutdown();
    return outcomes;
  }

  List<String> counties(int n, IntFunction<String> name) {
    return java.util.stream.IntStream.range(0, n).mapToObj(name).toList();
  }

  long keyTasksOf(String planId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task").variableValueEquals("planId", planId).count();
  }

  Map<String, Object> coordinatorsGroup() {
    return jdbc.queryForMap("select rev_, name_, type_, (select count(*) from act_id_membership where group_id_ = 'coordinators') as members"
        + " from act_id_group where id_ = 'coordinators'");
  }

  /**
   * Nodes starting together write the roles, their grants and Tasklist's filters in turn: every
   * start-up succeeds (none fails on another's revision or unique key), and each filter stays one.
   * A start-up waits while another holds the installation lock, e.g. an import adding a campaign filter.
   */
  @Test
  void nodesStartingTogether_writeTheSharedRowsInTurn() throws Exception {
    ExecutorService nodes = Executors.newFixedThreadPool(4);
    CyclicBarrier together = new CyclicBarrier(4);
    List<Future<?>> startUps = new ArrayList<>();
    for (int node = 0; node < 4; node++) {
      startUps.add(nodes.submit(() -> {
        together.await(30, TimeUnit.SECONDS);
        adminBootstrap.run(null);
        tasklistFilters.run(null);
        return null;
      }));
    }
    for (Future<?> startUp : startUps) {
      startUp.get(120, TimeUnit.SECONDS);
    }
    assertThat(jdbc.queryForList("select name_, count(*) as n from act_ru_filter where name_ not like '【%' group by name_"))
        .hasSize(6).allSatisfy(row -> assertThat(((Number) row.get("n")).longValue()).as("filter " + row.get("name_")).isEqualTo(1));

    var held = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    Future<?>[] waiting = new Future<?>[1];
    held.executeWithoutResult(status -> {
      installationLock.hold();
      waiting[0] = nodes.submit(() -> tasklistFilters.run(null));
      // The start-up's connection comes to wait on the row (PostgreSQL says so), not to an end.
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> waiting[0].isDone()
          || jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database()"
              + " and wait_event_type = 'Lock' and query like '%cd_import_lock%'", Long.class) > 0);
      assertThat(waiting[0].isDone()).as("a start-up while the installation lock is held").isFalse();
    });
    waiting[0].get(60, TimeUnit.SECONDS);
    nodes.shutdown();
  }

  @Test
  void countiesImportedAtOnce_runSideBySide_andEachIsComplete() throws Exception {
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    String campaign = "并发行动" + run;
    // The first county makes the campaign's filter; the four after it find it (as county 2 to 129 do).
    importService.importPlan(plan(run + "a", run + "a", campaign), "test", null);
    Map<String, Object> coordinators = coordinatorsGroup();
    List<String> counties = counties(4, i -> run + "c" + i);

    gate = new CyclicBarrier(counties.size());
    List<Object> outcomes = atOnce(counties.stream().map(c -> plan(c, c, campaign)).toList());
    gate = null;

    // All four held their transaction open at the gate together: none waited for another's commit.
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(PlanImportService.ImportResult.class));
    assertThat(mostInFlight.get()).isEqualTo(4);
    for (String county : counties) {
      assertThat(keyTasksOf(county + "-2026")).as(county).isEqualTo(4);
      assertThat(identityService.createGroupQuery().groupId(county + "-agri").singleResult().getType()).isEqualTo(IdentitySync.UNIT_GROUP_TYPE);
      assertThat(identityService.createUserQuery().memberOfGroup(IdentitySync.UNITS).userIdIn(county + "-agri", county + "-town2").count()).isEqualTo(2);
      assertThat(identityService.createUserQuery().memberOfGroup(IdentitySync.LEADERS).userIdIn(county + "-zhang", county + "-li").count()).isEqualTo(2);
      assertThat(identityService.createTenantQuery().tenantId(county).groupMember(IdentitySync.PROVINCE).count()).isOne();
      assertThat(identityService.createTenantQuery().groupMember(county + "-agri").singleResult().getId()).isEqualTo(county);
    }
    // The coordinators group was not written (imports into different counties share it).
    assertThat(coordinatorsGroup()).isEqualTo(coordinators);
    assertThat(jdbc.queryForObject("select count(*) from act_ru_filter where name_ = ?", Integer.class, "【" + campaign + "】")).isOne();
  }

  @Test
  void newCountiesPickingTheSameFreeIdsAtOnce_oneKeepsThemAndTheOthersQualifyTheirs() throws Exception {
    // Every county's plan names its units agri, water … (as the benchmark's copies of Lufeng do), none
    // held yet, and a campaign no filter exists for: all race for the same ids and the same filter.
    String ids = run + "x";
    String campaign = "新行动" + run;
    List<String> counties = counties(6, i -> run + "n" + i);

    List<Object> outcomes = atOnce(counties.stream().map(c -> plan(c, ids, campaign)).toList());

    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(PlanImportService.ImportResult.class));
    for (String county : counties) {
      assertThat(keyTasksOf(county + "-2026")).as(county).isEqualTo(4);
    }
    // Exactly one county has the plain ids; each other one its own county-qualified ids.
    List<String> plainHolders = jdbc.queryForList("select distinct region_id from cd_principal where principal_id = ?", String.class, ids + "-agri");
    assertThat(plainHolders).singleElement().isIn(counties);
    for (String county : counties) {
      List<Map<String, Object>> principals = jdbc.queryForList("select local_id, principal_id from cd_principal where region_id = ?", county);
      assertThat(principals).as(county).hasSize(7);
      String expectedPrefix = county.equals(plainHolders.get(0)) ? "" : county + ".";
      assertThat(principals).allSatisfy(p -> assertThat(p.get("principal_id")).isEqualTo(expectedPrefix + p.get("local_id")));
      // The unit's group and contact exist under the id given, in that county's tenant.
      assertThat(identityService.createTenantQuery().groupMember(expectedPrefix + ids + "-agri").singleResult().getId()).isEqualTo(county);
      assertThat(identityService.createUserQuery().userId(expectedPrefix + ids + "-zhang").memberOfGroup(IdentitySync.LEADERS).count()).isOne();
    }
    assertThat(jdbc.queryForObject("select count(*) - count(distinct principal_id) from cd_principal", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from act_ru_filter where name_ = ?", Integer.class, "【" + campaign + "】")).isOne();
  }

  @Test
  void theSamePlanImportedTwiceAtOnce_oneWins_theOtherIsToldItExists() throws Exception {
    String county = run + "s";
    String yaml = plan(county, county, "同县行动" + run);

    List<Object> outcomes = atOnce(List.of(yaml, yaml));

    assertThat(outcomes).filteredOn(o -> o instanceof PlanImportService.ImportResult).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o instanceof PlanAlreadyImportedException).hasSize(1);
    // Nothing of the loser: one plan, its key tasks once, its ids once.
    assertThat(jdbc.queryForObject("select count(*) from cd_plan where id = ?", Integer.class, county + "-2026")).isOne();
    assertThat(keyTasksOf(county + "-2026")).isEqualTo(4);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan").processInstanceBusinessKey(county + "-2026").count()).isOne();
    assertThat(jdbc.queryForObject("select count(*) from cd_principal where region_id = ?", Integer.class, county)).isEqualTo(7);
    assertThat(identityService.createTenantQuery().tenantId(county).count()).isOne();
  }

  @Test
  void twoPlansOfOneCountyAtOnce_runOneAfterTheOther_andShareItsPeople() throws Exception {
    String county = run + "o";
    String campaign = "一县两计划" + run;
    String first = plan(county, county, campaign);
    String second = first.replace("id: " + county + "-2026", "id: " + county + "-2026b");

    List<Object> outcomes = atOnce(List.of(first, second));

    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(PlanImportService.ImportResult.class));
    // One county's imports never overlap: the second found the first's people and added none.
    assertThat(mostInFlight.get()).isOne();
    assertThat(keyTasksOf(county + "-2026")).isEqualTo(4);
    assertThat(keyTasksOf(county + "-2026b")).isEqualTo(4);
    assertThat(jdbc.queryForObject("select count(*) from cd_principal where region_id = ?", Integer.class, county)).isEqualTo(7);
    assertThat(identityService.createUserQuery().userId(county + "-agri").memberOfGroup(county + "-agri").count()).isOne();
  }

  @Test
  void manyMoreImportsThanSlots_allSucceed_atMostTheSlotsAtOnce() throws Exception {
    String campaign = "多县行动" + run;
    importService.importPlan(plan(run + "w", run + "w", campaign), "test", null);
    mostInFlight.set(0);
    List<String> counties = counties(12, i -> run + "m" + i);

    List<Object> outcomes = atOnce(counties.stream().map(c -> plan(c, c, campaign)).toList());

    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(PlanImportService.ImportResult.class));
    for (String county : counties) {
      assertThat(keyTasksOf(county + "-2026")).as(county).isEqualTo(4);
    }
    // Each import holds a connection: the pool (20) less the job threads (10) and the web's reserve (5) leaves 5, of which 4 import.
    assertThat(mostInFlight.get()).isBetween(2, 4);
  }
}
