package org.campaigndesk.imports;

import org.campaigndesk.kernel.Databases;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.campaigndesk.config.ConnectionBudget;
import org.springframework.beans.factory.annotation.Value;
import org.campaigndesk.kernel.InstallationLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What keeps imports, withdrawals and revisions apart, and nothing more: those of one county (and
 * of one plan id) run one after another, on every node; those of different counties run side by
 * side. What different counties really share is arbitrated elsewhere: installation-wide unit and
 * leader ids by cd_principal's unique key (a loser of that race is run again, see
 * {@link ConcurrencyFailures}), the campaign filters by {@link #lockShared} taken only when one is
 * missing. Nothing else an import writes (its county's tenant, groups, users, memberships, grants,
 * instances) is written by an import of another county.
 *
 * <p>Three levels: on this node a fair lock per key (so that waiting for one's own county holds no
 * connection) and a bounded number of imports at once (each holds a database connection for its
 * whole transaction: more at once would take the connections of the job executor and the web); in
 * the database, inside the transaction, a PostgreSQL advisory lock per key, which the commit or
 * rollback releases, for the other nodes. On H2 (embedded, one node) the node's locks are all.
 */
@Component
public class ImportLocks {

  static final String REGION = "region:";
  static final String PLAN = "plan:";

  private final JdbcTemplate jdbc;
  private final InstallationLock installationLock;
  private final boolean postgres;
  private final ConcurrentHashMap<String, ReentrantLock> local = new ConcurrentHashMap<>();
  private final Semaphore slots;
  private final int atOnce;

  public ImportLocks(DataSource dataSource, JdbcTemplate jdbc, InstallationLock installationLock,
      @Value("${campaign-desk.import.at-once:0}") int configuredAtOnce,
      @Value("${spring.datasource.hikari.maximum-pool-size:10}") int pool,
      @Value("${camunda.bpm.job-execution.max-pool-size:10}") int jobThreads) {
    this.jdbc = jdbc;
    this.installationLock = installationLock;
    this.postgres = Databases.isPostgres(dataSource);
    this.atOnce = atOnce(configuredAtOnce, pool, jobThreads);
    this.slots = new Semaphore(atOnce, true);
  }

  /**
   * Imports at once on one node: as configured, else 4, within the connections the pool has beyond
   * the job threads and config.ConnectionBudget's reserve for web requests (at least one, as before).
   */
  static int atOnce(int configured, int pool, int jobThreads) {
    int spare = Math.max(1, pool - jobThreads - ConnectionBudget.RESERVE);
    return Math.min(configured > 0 ? configured : 4, spare);
  }

  int atOnce() {
    return atOnce;
  }

  static String region(String regionId) {
    return REGION + regionId;
  }

  static String plan(String planId) {
    return PLAN + planId;
  }

  /** Held on this node until closed: the keys' locks (in one order, so two holders never wait for each other) and a slot. */
  public final class Held implements AutoCloseable {
    private final List<ReentrantLock> held;
    private final boolean slot;

    private Held(List<ReentrantLock> held, boolean slot) {
      this.held = held;
      this.slot = slot;
    }

    @Override
    public void close() {
      if (slot) {
        slots.release();
      }
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).unlock();
      }
    }
  }

  /** Waits on this node for the keys, then for a slot. A thread that holds a slot already (a nested call) takes no second one. */
  Held enter(Collection<String> keys) {
    List<ReentrantLock> held = new ArrayList<>();
    boolean nested = local.values().stream().anyMatch(ReentrantLock::isHeldByCurrentThread);
    try {
      for (String key : new TreeSet<>(keys)) {
        ReentrantLock lock = local.computeIfAbsent(key, k -> new ReentrantLock(true));
        lock.lockInterruptibly();
        held.add(lock);
      }
      if (!nested) {
        slots.acquire();
      }
      return new Held(held, !nested);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      new Held(held, false).close();
      throw new IllegalStateException("interrupted while waiting for another import of the same county", e);
    }
  }

  /**
   * Inside the transaction: the keys' advisory locks (PostgreSQL), held until it ends, in the order
   * of their numbers so that two transactions never wait for each other here.
   */
  void lockInDatabase(Collection<String> keys) {
    if (!postgres) {
      return;
    }
    new TreeSet<>(keys.stream().map(ImportLocks::number).toList())
        .forEach(number -> jdbc.queryForList("select pg_advisory_xact_lock(?)", Object.class, number));
  }

  /**
   * The installation-wide row every node's imports share, held until the transaction ends: taken
   * only to write what all counties share (a campaign filter), so imports wait here only when that
   * changes.
   */
  public void lockShared() {
    installationLock.hold();
  }

  /** A key's advisory lock number: 64 bits of its name-based UUID (another key of the same number only waits longer). */
  static long number(String key) {
    return java.util.UUID.nameUUIDFromBytes(("campaign-desk import " + key).getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
  }
}
