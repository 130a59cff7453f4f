package org.campaigndesk.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.LegacySchema;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The application's tables come from Flyway: on a fresh database before Camunda's, on an old one by baseline. */
class FlywayMigrationTest extends AbstractAppTest {

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Flyway flyway;
  @Autowired
  ConfigurableListableBeanFactory beans;

  /** Not left to the order in which Spring happens to create beans: the engine depends on Flyway. */
  @Test
  void theProcessEngineWaitsForFlyway() {
    String[] configurations = beans.getBeanNamesForType(ProcessEngineConfiguration.class);
    assertThat(configurations).isNotEmpty();
    for (String name : configurations) {
      assertThat(beans.getBeanDefinition(name).getDependsOn()).as(name).contains("flywayInitializer");
    }
  }

  @Test
  void freshDatabase_getsVersion1FromItsScript_thoughCamundaCreatesItsTablesInTheSameStart() {
    List<Map<String, Object>> history = jdbc.queryForList(
        "select \"version\", \"type\", \"success\" from \"flyway_schema_history\" where \"version\" is not null"
            + " order by \"installed_rank\"");
    assertThat(history).extracting(row -> row.get("version")).containsExactly("1", "2", "3", "4", "5", "5.1", "7");
    assertThat(history).allSatisfy(row -> {
      // 5.1 is Java (audit.HistoryLevelUpgrade): on a fresh database it finds no engine tables yet and does nothing.
      assertThat(row.get("type")).as("run as a script, not baselined").isEqualTo("5.1".equals(row.get("version")) ? "JDBC" : "SQL");
      assertThat(row.get("success")).isEqualTo(true);
    });
    assertThat(jdbc.queryForObject("select count(*) from information_schema.columns"
        + " where lower(table_name) = 'cd_plan' and lower(column_name) = 'year_shift'", Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from act_ge_property", Integer.class)).isPositive();
  }

  @Test
  void databaseOfTheFormerSchemaSql_isTakenOverAsVersion1_andKeepsItsData() {
    DriverManagerDataSource old = new DriverManagerDataSource("jdbc:h2:mem:legacy-schema-sql;DB_CLOSE_DELAY=-1", "sa", "");
    JdbcTemplate oldJdbc = new JdbcTemplate(old);
    LegacySchema.createIn(oldJdbc);
    oldJdbc.update("insert into cd_plan (id, title, plan_year, timezone, key_tasks, source, imported_at, imported_by, year_shift)"
        + " values ('old-2020', '旧计划', 2020, 'Asia/Shanghai', 1, 'plan: {}', current_timestamp, 'admin', 6)");
    oldJdbc.update("insert into cd_mail (idempotency_key, kind, recipient, subject, text_body, html_body, smtp, sent_at)"
        + " values ('k1', 'REMINDER', 'a@b.c', 's', 't', 'h', true, current_timestamp)");

    // The application's own Flyway settings (baseline on migrate, version 1), pointed at the old database.
    Flyway onOld = Flyway.configure().configuration(flyway.getConfiguration()).dataSource(old).load();
    MigrateResult result = onOld.migrate();

    assertThat(result.success).isTrue();
    // Version 1 is taken over; versions 2 (counties, plan status), 3 (quarterly scores), 4 (mail pending, then sent),
    // 5 and 5.1 (task audit; no engine tables here to take history from), 7 (score decisions) run on it.
    assertThat(result.migrationsExecuted).isEqualTo(6);
    assertThat(onOld.info().current().getVersion().getVersion()).isEqualTo("7");
    assertThat(oldJdbc.queryForObject("select status from cd_plan where id = 'old-2020'", String.class)).isEqualTo("active");
    assertThat(oldJdbc.queryForObject("select region_id from cd_plan where id = 'old-2020'", String.class)).isNull();
    assertThat(oldJdbc.queryForObject("select \"type\" from \"flyway_schema_history\" where \"version\" = '1'", String.class))
        .isEqualTo("BASELINE");
    assertThat(oldJdbc.queryForObject("select year_shift from cd_plan where id = 'old-2020'", Integer.class)).isEqualTo(6);
    assertThat(oldJdbc.queryForObject("select count(*) from cd_mail", Integer.class)).isEqualTo(1);
    // A second start migrates nothing more.
    assertThat(onOld.migrate().migrationsExecuted).isZero();
  }

  /** V7: appeal decisions stored as earlier versions wrote them speak the one vocabulary afterwards. */
  @Test
  void scoreLinesOfEarlierVersions_takeTheOneDecisionVocabulary() {
    DriverManagerDataSource before = new DriverManagerDataSource("jdbc:h2:mem:score-decisions;DB_CLOSE_DELAY=-1", "sa", "");
    JdbcTemplate beforeJdbc = new JdbcTemplate(before);
    Flyway.configure().configuration(flyway.getConfiguration()).dataSource(before).target("5.1").load().migrate();
    String insert = "insert into cd_score_line (plan_id, score_quarter, unit_id, score_rule, points, event_date, status,"
        + " appeal_decision, created_at) values ('p', '2026-Q1', ?, 'MISSED_MONTHLY_REPORT', -1, date '2026-03-21', ?, ?, current_timestamp)";
    beforeJdbc.update(insert, "approved-unit", "removed", "accepted");
    beforeJdbc.update(insert, "refused-unit", "upheld", "rejected");
    beforeJdbc.update(insert, "undecided-unit", "appealed", null);

    MigrateResult result = Flyway.configure().configuration(flyway.getConfiguration()).dataSource(before).load().migrate();

    assertThat(result.targetSchemaVersion).isEqualTo("7");
    assertThat(beforeJdbc.queryForList("select unit_id, appeal_decision from cd_score_line order by unit_id"))
        .extracting(row -> row.get("UNIT_ID") + "=" + row.get("APPEAL_DECISION"))
        .containsExactly("approved-unit=approve", "refused-unit=refuse", "undecided-unit=null");
  }
}
