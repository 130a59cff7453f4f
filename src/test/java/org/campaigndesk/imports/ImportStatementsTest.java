package org.campaigndesk.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.Statements;
import org.campaigndesk.TestPlans;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL statements and round trips of one county's import (issue 15: 129 county plans one after
 * another at 0.2 × plain Camunda's start → user task), counted on the importing thread: a
 * Lufeng-shaped plan of 20 key tasks for next year, into a county of its own, after another county's
 * import (as the benchmark's counties follow each other: the campaign filters exist, the engine's
 * caches are warm). Split into the import's own transaction, the identity rows it writes and the
 * jobs it leaves due. Deterministic: the same on every run.
 */
class ImportStatementsTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  JdbcTemplate jdbc;

  /** The tables an import writes a county's people into. */
  static final List<String> IDENTITY_TABLES = List.of("ACT_ID_GROUP", "ACT_ID_USER", "ACT_ID_MEMBERSHIP", "ACT_ID_TENANT",
      "ACT_ID_TENANT_MEMBER", "ACT_RU_AUTHORIZATION", "CD_PRINCIPAL");

  static String countyPlan(String regionId, String planId, int year) throws Exception {
    return TestPlans.county(regionId, planId, year);
  }

  Map<String, Integer> identityRows() {
    Map<String, Integer> rows = new LinkedHashMap<>();
    IDENTITY_TABLES.forEach(t -> rows.put(t, jdbc.queryForObject("select count(*) from " + t, Integer.class)));
    return rows;
  }

  static Map<String, Integer> added(Map<String, Integer> before, Map<String, Integer> after) {
    Map<String, Integer> added = new LinkedHashMap<>();
    after.forEach((table, n) -> added.put(table, n - before.get(table)));
    return added;
  }

  @Test
  void oneCountyAfterAnother() throws Exception {
    clock("2026-12-10T10:00:00+08:00");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    importService.importPlan(countyPlan("wa" + tag, "wa-" + tag + "-2027", 2027), "admin", null);

    String region = "is" + tag;
    planId = "is-" + tag + "-2027";
    String source = countyPlan(region, planId, 2027);
    Map<String, Integer> rowsBefore = identityRows();
    Statements.Counted<PlanImportService.ImportResult> imported = Statements.count(() -> importService.importPlan(source, "admin", null));
    Map<String, Integer> identity = added(rowsBefore, identityRows());
    System.out.println("import of one county (20 key tasks):\n" + imported + "identity rows: " + identity);
    if (Boolean.getBoolean("statements.sql")) {
      imported.sql().forEach(sql -> System.out.println("    | " + sql));
    }
    assertThat(imported.result().keyTasksStarted()).isEqualTo(20);

    // The jobs the import leaves due at once (next year's plan: nothing of it falls due before January).
    List<String> instances = runtimeService.createProcessInstanceQuery().variableValueEquals("planId", planId).list().stream()
        .map(pi -> pi.getProcessInstanceId()).toList();
    List<Job> due = managementService.createJobQuery().executable().list().stream()
        .filter(j -> instances.contains(j.getProcessInstanceId())).toList();
    List<String> dueAt = due.stream().map(j -> managementService.createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId())
        .singleResult().getActivityId()).toList();
    int dueStatements = 0;
    int dueRoundTrips = 0;
    for (Job job : due) {
      Statements.Counted<Void> ran = Statements.count(() -> managementService.executeJob(job.getId()));
      dueStatements += ran.total();
      dueRoundTrips += ran.roundTrips();
    }
    System.out.println("jobs due after the import: " + dueAt + ", " + dueStatements + " statements, " + dueRoundTrips + " round trips");

    // Before (main at 5f7fe00): 1,647 statements, 37 of them selects, in 96 round trips (57 JDBC batches, the commit); the
    // identity store was read three times over (the checks for conflicts and changes, then the sync), the
    // county's tenant three times, every given id of the installation once (cd_principal, ~9,000 rows at
    // 129 counties), the scoring's instance and the importer's membership of the county each flushed on their own.
    assertThat(imported.transactions()).as("one transaction").hasSize(1);
    assertThat(imported.of("select")).isLessThanOrEqualTo(17);
    // The jobs' nine definitions read ahead in one select (kernel.JobDefinitionsAhead), not one each.
    assertThat(imported.of("select", "ACT_RU_JOBDEF")).isEqualTo(1);
    assertThat(imported.of("select", "ACT_ID_USER") + imported.of("select", "ACT_ID_GROUP") + imported.of("select", "ACT_ID_TENANT")
        + imported.of("select", "ACT_ID_MEMBERSHIP") + imported.of("select", "ACT_ID_TENANT_MEMBER"))
        .as("the identity store: the ids asked for (2), the tenant, the importer's membership of the coordinators, the three role"
            + " groups and the importer the engine looks up for the memberships")
        .isLessThanOrEqualTo(8);
    assertThat(imported.of("select", "CD_PRINCIPAL")).isEqualTo(1);
    // The key tasks started are counted in the command that started them, not by a query after it.
    assertThat(imported.of("select", "ACT_RU_EXECUTION")).isZero();
    assertThat(imported.of("update") + imported.of("delete")).isZero();
    // 1,626 before the review calendar and the scoring waited in loops instead of sequential multi-instance
    // subprocesses (19 inserts fewer: executions and their loop variables).
    assertThat(imported.total()).isLessThanOrEqualTo(1607);
    // The engine's flush in slices of 50 rows ended a table's JDBC batch every 50 rows, and each job's
    // definition was a select of its own: 77 round trips (49 batches) before kernel.LeanDbEntityManager's
    // longer flush slices and kernel.JobDefinitionsAhead.
    assertThat(imported.roundTrips()).isLessThanOrEqualTo(39);
    // What the county's people are: unchanged (a new county: every unit a group and a user, every leader a user;
    // the importing coordinator a member of the county).
    assertThat(identity).isEqualTo(Map.of("ACT_ID_GROUP", 59, "ACT_ID_USER", 71, "ACT_ID_MEMBERSHIP", 130, "ACT_ID_TENANT", 1,
        "ACT_ID_TENANT_MEMBER", 73, "ACT_RU_AUTHORIZATION", 243, "CD_PRINCIPAL", 71));
    // Next year's plan: no job is due at once. Before (main at a73dd0d) every import left the notice of
    // the tasks overdue at import (Task_NotifyOverdueAtImport) to a job, 17 statements in 18 round trips,
    // though nothing of a next year's plan is overdue; now the annual plan's gateway asks first.
    assertThat(dueAt).isEmpty();
  }

  /**
   * The same county's next plan (the year after): its people are known already, so nothing of them
   * is written, and what is known is read in a few queries, not one per unit and membership.
   */
  @Test
  void aCountysNextPlan() throws Exception {
    clock("2026-12-10T10:00:00+08:00");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String region = "in" + tag;
    importService.importPlan(countyPlan(region, "in-" + tag + "-2027", 2027), "admin", null);
    planId = "in-" + tag + "-2028";
    String source = countyPlan(region, planId, 2028).replace("year: 2028", "year: 2027").replace("2028-", "2027-")
        .replace("  id: " + planId + "\n", "  id: " + planId + "\n");
    Map<String, Integer> rowsBefore = identityRows();
    Statements.Counted<PlanImportService.ImportResult> imported = Statements.count(() -> importService.importPlan(source, "admin", null));
    Map<String, Integer> identity = added(rowsBefore, identityRows());
    System.out.println("import of a known county's next plan (20 key tasks):\n" + imported + "identity rows: " + identity);
    if (Boolean.getBoolean("statements.sql")) {
      imported.sql().forEach(sql -> System.out.println("    | " + sql));
    }
    assertThat(imported.result().keyTasksStarted()).isEqualTo(20);

    // Before (main at 5f7fe00): 1,238 statements, 236 of them selects (one per unit, leader and membership:
    // whether it existed), in 276 round trips.
    assertThat(imported.of("select")).isLessThanOrEqualTo(15);
    assertThat(imported.of("select", "ACT_RU_JOBDEF")).isEqualTo(1);
    // 58 before kernel.LeanDbEntityManager's longer flush slices and kernel.JobDefinitionsAhead.
    assertThat(imported.roundTrips()).isLessThanOrEqualTo(30);
    // Nothing of the county's people changed: nothing of them is written.
    assertThat(identity).containsEntry("ACT_ID_GROUP", 0).containsEntry("ACT_ID_USER", 0).containsEntry("ACT_ID_MEMBERSHIP", 0)
        .containsEntry("ACT_ID_TENANT", 0).containsEntry("ACT_ID_TENANT_MEMBER", 0).containsEntry("CD_PRINCIPAL", 0);
    assertThat(imported.byKind().keySet()).noneMatch(kind -> kind.matches("(insert|update|delete) (ACT_ID_.*|CD_PRINCIPAL)"));
    assertThat(imported.of("update") + imported.of("delete")).isZero();
  }
}
