package org.campaigndesk.kernel;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The installation-wide row ({@code cd_import_lock}) that a writer of what every county shares takes
 * first, on any node: the roles' groups and grants and Tasklist's filters, written at start-up and
 * by an import that adds a campaign filter. Held to the end of the transaction, so two nodes
 * starting together, or a start-up beside an import, take turns instead of failing on each other's
 * revisions and unique keys.
 */
@Component
public class InstallationLock {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  public InstallationLock(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** Takes the row in the current transaction, until it ends. */
  public void hold() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      // Without a transaction the row would be let go at once: the caller's writes would not be covered.
      throw new IllegalStateException("the installation lock is held by a transaction; none is active");
    }
    jdbc.queryForList("select id from cd_import_lock where id = 1 for update", Integer.class);
  }

  /** Runs {@code work} in one transaction that holds the row first: its writes commit together, in turn. */
  public void inTurn(Runnable work) {
    transactions.executeWithoutResult(status -> {
      hold();
      work.run();
    });
  }
}
