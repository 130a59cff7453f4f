package org.campaigndesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An installation of the version before issue 15 upgraded: its database, written by an engine at
 * history level full with the application's migrations up to V4, migrated by this version's Flyway
 * and then opened by an engine at level audit. Run on H2 (HistoryLevelUpgradeTest) and PostgreSQL
 * (FlywayOnPostgresTest).
 */
public final class FullHistoryUpgrade {

  private FullHistoryUpgrade() {}

  public static void upgradeAndCheck(DataSource dataSource, Flyway appFlyway) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    Flyway.configure().configuration(appFlyway.getConfiguration()).dataSource(dataSource).target("4").load().migrate();

    // Yesterday's engine: history full, no task audit of the application's.
    ProcessEngine old = engine(dataSource, "full");
    String pi;
    String offeredId;
    String nextId;
    Date closedOut = new Date(1_780_000_000_000L);
    try {
      ClockUtil.setCurrentTime(new Date(1_770_000_000_000L));
      old.getRepositoryService().createDeployment().addModelInstance("upgrade.bpmn",
          Bpmn.createExecutableProcess("history-upgrade").camundaHistoryTimeToLive(1825).startEvent()
              .userTask("Task_Offered").camundaCandidateGroups("unit-a, unit-c")
              .userTask("Task_Next").camundaCandidateGroups("unit-b").endEvent().done())
          // Called, as key tasks are by the annual plan: its inputs are not marked initial.
          .addModelInstance("upgrade-plan.bpmn", Bpmn.createExecutableProcess("history-upgrade-plan").camundaHistoryTimeToLive(1825)
              .startEvent().callActivity("Call_KeyTask").calledElement("history-upgrade").camundaIn("deadline", "deadline")
              .endEvent().done()).deploy();
      old.getRuntimeService().startProcessInstanceByKey("history-upgrade-plan", Map.of("deadline", "2026-10-30"));
      ProcessInstance instance = old.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("history-upgrade")
          .singleResult();
      pi = instance.getId();
      Task offered = old.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
      offeredId = offered.getId();
      ClockUtil.setCurrentTime(new Date(1_770_000_000_000L + 3_600_000));
      old.getIdentityService().setAuthenticatedUserId("user-a");
      old.getTaskService().complete(offeredId, Map.of("signedBy", "王五", "closedOutAt", closedOut, "extensionApproved", true));
      old.getIdentityService().clearAuthentication();
      nextId = old.getTaskService().createTaskQuery().processInstanceId(pi).singleResult().getId();
      old.getTaskService().claim(nextId, "user-b");
    } finally {
      ClockUtil.reset();
      old.close();
    }
    long detailsBefore = jdbc.queryForObject("select count(*) from ACT_HI_DETAIL", Long.class);

    // This version's first start: Flyway first (V5, then 5.1 with the configured level, audit) ...
    Flyway.configure().configuration(appFlyway.getConfiguration()).dataSource(dataSource).load().migrate();

    assertThat(jdbc.queryForObject("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'historyLevel'", String.class)).isEqualTo("2");
    TaskAudit audit = new TaskAudit(jdbc);
    assertThat(audit.offeredGroups(offeredId)).containsExactlyInAnyOrder("unit-a", "unit-c");
    assertThat(audit.completedBy(offeredId)).contains("user-a");
    assertThat(audit.tookPart(nextId, "user-b", List.of())).as("held (assignee)").isTrue();
    assertThat(audit.offeredInProcess(pi, List.of("unit-b"))).isTrue();
    assertThat(audit.offeredInProcess(pi, List.of("unit-x"))).isFalse();
    List<VariableChangeLog.Change> changes = new VariableChangeLog(jdbc).of(pi);
    assertThat(changes).extracting(VariableChangeLog.Change::name)
        .containsExactlyInAnyOrder("signedBy", "closedOutAt", "extensionApproved");
    assertThat(changes).filteredOn(c -> c.name().equals("signedBy")).singleElement().extracting(VariableChangeLog.Change::value)
        .isEqualTo("王五");
    assertThat(changes).filteredOn(c -> c.name().equals("closedOutAt")).singleElement().extracting(VariableChangeLog.Change::value)
        .isEqualTo(closedOut);
    assertThat(changes).filteredOn(c -> c.name().equals("extensionApproved")).singleElement()
        .extracting(VariableChangeLog.Change::value).isEqualTo(true);

    // ... then the engine at level audit starts on it (no "historyLevel mismatch"), the old history still there.
    ProcessEngine upgraded = engine(dataSource, "audit");
    try {
      assertThat(upgraded.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi).count()).isEqualTo(2);
      assertThat(jdbc.queryForObject("select count(*) from ACT_HI_DETAIL", Long.class)).isEqualTo(detailsBefore);
      long links = jdbc.queryForObject("select count(*) from ACT_HI_IDENTITYLINK", Long.class);
      upgraded.getTaskService().complete(nextId, Map.of("signedBy", "赵六"));
      assertThat(upgraded.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count())
          .isEqualTo(1);
      assertThat(jdbc.queryForObject("select count(*) from ACT_HI_IDENTITYLINK", Long.class)).as("no identity link log").isEqualTo(links);
      assertThat(jdbc.queryForObject("select count(*) from ACT_HI_DETAIL", Long.class)).as("no variable details").isEqualTo(detailsBefore);
    } finally {
      upgraded.close();
    }
    // A second start migrates nothing more.
    assertThat(Flyway.configure().configuration(appFlyway.getConfiguration()).dataSource(dataSource).load().migrate()
        .migrationsExecuted).isZero();
  }

  private static ProcessEngine engine(DataSource dataSource, String history) {
    return ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration().setDataSource(dataSource)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE).setHistory(history)
        .setJobExecutorActivate(false)
        .setProcessEngineName("history-upgrade-" + UUID.randomUUID()).buildProcessEngine();
  }
}
