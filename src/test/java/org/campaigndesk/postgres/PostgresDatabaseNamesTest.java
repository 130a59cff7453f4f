package org.campaigndesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which test databases a new run drops as left behind: only ours, only those made long enough ago. */
class PostgresDatabaseNamesTest {

  static final Instant NOW = Instant.parse("2026-12-06T11:00:00Z");

  @Test
  void aTestDatabaseOlderThanTheLimit_isLeftBehind_aRecentOneIsInUse() {
    long sevenHoursAgo = NOW.minusSeconds(7 * 3600).getEpochSecond();
    long fiveHoursAgo = NOW.minusSeconds(5 * 3600).getEpochSecond();
    assertThat(PostgresDatabase.leftBehind("campaign_desk_test_" + sevenHoursAgo + "_0a1b2c3d", NOW)).isTrue();
    assertThat(PostgresDatabase.leftBehind("campaign_desk_test_" + fiveHoursAgo + "_0a1b2c3d", NOW)).isFalse();
  }

  @Test
  void otherDatabases_areNeverLeftBehind() {
    assertThat(PostgresDatabase.leftBehind("test", NOW)).isFalse();
    assertThat(PostgresDatabase.leftBehind("bench_province", NOW)).isFalse();
    assertThat(PostgresDatabase.leftBehind("campaign_desk_test_916456345a2e", NOW)).isFalse();
    assertThat(PostgresDatabase.leftBehind("campaign_desk_test_1000000000_0a1b2c3d_copy", NOW)).isFalse();
  }
}
