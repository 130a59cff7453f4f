package org.campaigndesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.campaigndesk.LegacySchema;
import org.campaigndesk.audit.FullHistoryUpgrade;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Flyway on PostgreSQL: the fresh database runs V1 before Camunda; a database of the former schema.sql is baselined. */
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "postgres"})
@DirtiesContext
class FlywayOnPostgresTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    LufengOnPostgresTest.postgres(registry);
  }

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Flyway flyway;

  @Test
  void freshDatabase_ranVersion1AsAScript() {
    assertThat(jdbc.queryForObject("select type from flyway_schema_history where version = '1'", String.class)).isEqualTo("SQL");
    assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name in ('cd_plan', 'cd_mail', 'act_ru_job')",
        Integer.class)).isEqualTo(3);
  }

  @Test
  void databaseOfTheFormerSchemaSql_isBaselinedAtVersion1_andKeepsItsRows() {
    String url = PostgresDatabase.freshDatabaseOn(PostgresDatabase.jdbcUrl());
    DriverManagerDataSource old = new DriverManagerDataSource(url, PostgresDatabase.user(),
        System.getenv().getOrDefault("CAMPAIGN_DESK_TEST_POSTGRES_PASSWORD", ""));
    JdbcTemplate oldJdbc = new JdbcTemplate(old);
    LegacySchema.createIn(oldJdbc);
    oldJdbc.update("insert into cd_plan (id, title, plan_year, timezone, key_tasks, source, imported_at)"
        + " values ('old-2020', '旧计划', 2020, 'Asia/Shanghai', 1, 'plan: {}', now())");

    Flyway onOld = Flyway.configure().configuration(flyway.getConfiguration()).dataSource(old).load();

    // Baselined at 1, then V2 (regions), V3 (quarterly scores), V4 (mail pending, then sent), V5 and 5.1 (task audit),
    // V7 (score decisions) run on it.
    assertThat(onOld.migrate().migrationsExecuted).isEqualTo(6);
    assertThat(oldJdbc.queryForObject("select type from flyway_schema_history where version = '1'", String.class)).isEqualTo("BASELINE");
    assertThat(oldJdbc.queryForObject("select year_shift from cd_plan where id = 'old-2020'", Integer.class)).isZero();
    assertThat(oldJdbc.queryForObject("select status from cd_plan where id = 'old-2020'", String.class)).isEqualTo("active");
    assertThat(onOld.migrate().migrationsExecuted).isZero();
  }

  @Test
  void databaseOfHistoryLevelFull_isMovedToAudit_keepingWhoWasOfferedAndCompletedAndWhatWasRecorded() {
    String url = PostgresDatabase.freshDatabaseOn(PostgresDatabase.jdbcUrl());
    FullHistoryUpgrade.upgradeAndCheck(new DriverManagerDataSource(url, PostgresDatabase.user(),
        System.getenv().getOrDefault("CAMPAIGN_DESK_TEST_POSTGRES_PASSWORD", "")), flyway);
  }
}
