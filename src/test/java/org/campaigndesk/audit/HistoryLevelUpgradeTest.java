package org.campaigndesk.audit;

import org.campaigndesk.AbstractAppTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database of history level full (every installation before issue 15) is moved over on the first start; on H2. */
class HistoryLevelUpgradeTest extends AbstractAppTest {

  @Autowired
  Flyway flyway;

  @Test
  void aFullHistoryDatabase_isMovedToAudit_keepingWhoWasOfferedAndCompletedAndWhatWasRecorded() {
    FullHistoryUpgrade.upgradeAndCheck(new DriverManagerDataSource("jdbc:h2:mem:history-upgrade;DB_CLOSE_DELAY=-1", "sa", ""), flyway);
  }
}
