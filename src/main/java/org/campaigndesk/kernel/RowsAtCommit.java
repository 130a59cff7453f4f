package org.campaigndesk.kernel;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows of one insert statement that a transaction collects and writes in one batch just before it
 * commits, instead of a round trip per row: a task opening writes several audit rows (its variables'
 * values, who it was offered to), a campaign opening some hundreds. Kept in a synchronization of the
 * transaction, so a transaction that another one suspends keeps its own rows; outside a transaction
 * a row is written at once. A reader of the table calls {@link #writePending()} first, so that it
 * sees the current transaction's rows.
 */
public final class RowsAtCommit {

  private final JdbcTemplate jdbc;
  private final String insert;

  /** {@code insert}: the statement with one parameter per column, as {@link JdbcTemplate#batchUpdate(String, List)} takes it. */
  public RowsAtCommit(JdbcTemplate jdbc, String insert) {
    this.jdbc = jdbc;
    this.insert = insert;
  }

  /** Adds rows to the current transaction's batch (or writes them now, outside a transaction). */
  public void add(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Pending pending = pending(true);
    if (pending != null) {
      pending.rows.addAll(rows);
    } else {
      jdbc.batchUpdate(insert, rows);
    }
  }

  /** Writes the current transaction's rows, so that a read in it sees them. */
  public void writePending() {
    Pending pending = pending(false);
    if (pending != null) {
      pending.write();
    }
  }

  private Pending pending(boolean create) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
      if (s instanceof Pending rows && rows.owner() == this) {
        return rows;
      }
    }
    if (!create) {
      return null;
    }
    Pending rows = new Pending();
    TransactionSynchronizationManager.registerSynchronization(rows);
    return rows;
  }

  private final class Pending implements TransactionSynchronization {
    final List<Object[]> rows = new ArrayList<>();

    RowsAtCommit owner() {
      return RowsAtCommit.this;
    }

    void write() {
      if (!rows.isEmpty()) {
        List<Object[]> written = new ArrayList<>(rows);
        rows.clear();
        jdbc.batchUpdate(insert, written);
      }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      write();
    }
  }
}
