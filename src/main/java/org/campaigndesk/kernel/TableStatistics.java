package org.campaigndesk.kernel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's planner statistics of the engine's and the application's tables current without
 * relying on autovacuum (which may be off, as on the benchmark machine): after a bulk import, and
 * once a minute for what the job executor writes (a campaign opening creates hundreds of tasks),
 * every table changed by more than autovacuum's own threshold (50 rows + 10 %) since its last
 * analysis is analyzed. Stale statistics turn the task list's authorization check into nested
 * loops over tables the planner believes empty. After imports one after another it analyzes at most
 * once per {@code campaign-desk.table-statistics.after-import-spacing-ms} (default 10 s), and once more
 * that long after the last: at 129 counties imported in a row, analyzing after every import kept one
 * PostgreSQL backend analyzing the same tables over and over (80 imports, 285 analyses of 20 tables)
 * on the cores the imports need. Where autovacuum is off, a table past autovacuum's own vacuum
 * thresholds (dead rows over 50 + 20 %, or rows inserted since its last vacuum over 1,000 + 20 %) is
 * vacuumed as well as analyzed: a never vacuumed table has no visibility map, so counting the open
 * tasks must read every task's row instead of a small index (Tasklist counts 全部待办 with every page).
 * On other databases (H2) it does nothing.
 */
@Component
public class TableStatistics {

  private static final Logger LOG = LoggerFactory.getLogger(TableStatistics.class);
  /** Autovacuum's default vacuum thresholds (n_ins_since_vacuum: PostgreSQL 13 and later). */
  private static final String VACUUM_DUE = "(current_setting('autovacuum') = 'off' and (n_dead_tup > 50 + 0.2 * greatest(n_live_tup, 0)"
      + " or n_ins_since_vacuum > 1000 + 0.2 * greatest(n_live_tup, 0)))";
  private static final String STALE = """
      select relname, %s as vacuum from pg_stat_user_tables
      where (relname like 'act\\_%%' or relname like 'cd\\_%%')
        and (n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0) or %s)
      order by relname""".formatted(VACUUM_DUE, VACUUM_DUE);

  private final JdbcTemplate jdbc;
  private final boolean postgres;
  private final AtomicBoolean running = new AtomicBoolean();
  private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "table-statistics");
    thread.setDaemon(true);
    return thread;
  });
  private final Spacing afterImports;

  public TableStatistics(DataSource dataSource,
      @org.springframework.beans.factory.annotation.Value("${campaign-desk.table-statistics.after-import-spacing-ms:10000}") long spacingMs) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.postgres = isPostgres(dataSource);
    this.afterImports = new Spacing(TimeUnit.MILLISECONDS.toNanos(spacingMs));
  }

  /** A database that cannot be asked gets no statistics work (the application starts without it). */
  private static boolean isPostgres(DataSource dataSource) {
    try {
      return Databases.isPostgres(dataSource);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * After a bulk write (an import): analyzes in the background, the caller does not wait; at once
   * unless the last such refresh started less than the spacing ago, else once when the spacing is
   * over (however many imports ask in between).
   */
  public void refreshSoon() {
    if (postgres) {
      long delay = afterImports.delayOfNext(System.nanoTime());
      if (delay >= 0) {
        background.schedule(() -> {
          afterImports.started(System.nanoTime());
          refresh();
        }, delay, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * When the next refresh after imports runs: at once when none ran for {@code spacing}, else when
   * the spacing since the last is over; none more while one is waiting. Times in nanoseconds.
   */
  static final class Spacing {
    private final long spacing;
    private boolean waiting;
    private boolean ranBefore;
    private long lastStart;

    Spacing(long spacing) {
      this.spacing = spacing;
    }

    /** The delay of the refresh to schedule now, or -1 when one is waiting already. */
    synchronized long delayOfNext(long now) {
      if (waiting) {
        return -1;
      }
      waiting = true;
      return ranBefore ? Math.max(0, lastStart + spacing - now) : 0;
    }

    synchronized void started(long now) {
      waiting = false;
      ranBefore = true;
      lastStart = now;
    }
  }

  @Scheduled(fixedDelayString = "${campaign-desk.table-statistics.interval-ms:60000}", initialDelay = 60000)
  public void refreshPeriodically() {
    if (postgres) {
      refresh();
    }
  }

  /** Analyzes the tables that changed enough (and vacuums them where due, above); returns their names. One refresh at a time. */
  public List<String> refresh() {
    if (!postgres || !running.compareAndSet(false, true)) {
      return List.of();
    }
    try {
      List<Map.Entry<String, Boolean>> stale = jdbc.query(STALE,
          (row, i) -> Map.entry(row.getString(1), row.getBoolean(2)));
      List<String> tables = stale.stream().map(Map.Entry::getKey).toList();
      for (Map.Entry<String, Boolean> table : stale) {
        // Names come from the catalogue, not from input; quoted anyway. Run outside a transaction (the pool's auto-commit).
        jdbc.execute((table.getValue() ? "vacuum (analyze) \"" : "analyze \"") + table.getKey().replace("\"", "") + "\"");
      }
      if (!tables.isEmpty()) {
        LOG.debug("analyzed {}", tables);
      }
      return tables;
    } catch (RuntimeException e) {
      LOG.warn("could not refresh table statistics: {}", e.getMessage());
      return List.of();
    } finally {
      running.set(false);
    }
  }
}
