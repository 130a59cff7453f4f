package org.campaigndesk.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.campaigndesk.plan.PlanValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The node's side of the import locks, and which failures count as a lost race. */
class ImportLocksTest {

  @Test
  void importsAtOnce_fitTheConnectionsLeftBesideJobThreadsAndTheWebsReserve() {
    // Pool 20, 10 job threads, 5 kept for the web: 5 spare, 4 of them import.
    assertThat(ImportLocks.atOnce(0, 20, 10)).isEqualTo(4);
    assertThat(ImportLocks.atOnce(8, 30, 10)).isEqualTo(8);
    assertThat(ImportLocks.atOnce(8, 20, 10)).isEqualTo(5);
    // A pool with nothing spare imports one at a time, as before.
    assertThat(ImportLocks.atOnce(0, 15, 10)).isEqualTo(1);
  }

  @Test
  void lockNumbers_areStableAndDifferPerKey() {
    assertThat(ImportLocks.number(ImportLocks.region("c001"))).isEqualTo(ImportLocks.number("region:c001"))
        .isNotEqualTo(ImportLocks.number(ImportLocks.region("c002")))
        .isNotEqualTo(ImportLocks.number(ImportLocks.plan("c001")));
  }

  ImportLocks locks(int atOnce) {
    DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:import-locks-" + atOnce, "sa", "");
    return new ImportLocks(h2, new JdbcTemplate(h2),
        new org.campaigndesk.kernel.InstallationLock(new JdbcTemplate(h2), new org.springframework.jdbc.datasource.DataSourceTransactionManager(h2)),
        atOnce, 100, 10);
  }

  @Test
  void oneCountyWaitsForItself_otherCountiesDoNot_andNoMoreThanTheSlotsRunAtOnce() throws Exception {
    ImportLocks locks = locks(2);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    try {
      List<String> regions = List.of("a", "a", "b", "c");
      List<Future<Object>> runs = regions.stream().map(region -> threads.submit(() -> {
        try (ImportLocks.Held held = locks.enter(List.of(ImportLocks.region(region)))) {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          release.await(10, TimeUnit.SECONDS);
          running.decrementAndGet();
        }
        return null;
      })).toList();
      // Two slots: two of the three counties run, the third and county a's second import wait.
      Thread.sleep(300);
      assertThat(running.get()).isEqualTo(2);
      release.countDown();
      for (Future<Object> run : runs) {
        run.get(10, TimeUnit.SECONDS);
      }
      assertThat(most.get()).isEqualTo(2);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aNestedEntry_takesNoSecondSlot() {
    ImportLocks locks = locks(1);
    try (ImportLocks.Held outer = locks.enter(List.of(ImportLocks.region("a")))) {
      try (ImportLocks.Held inner = locks.enter(List.of(ImportLocks.plan("p")))) {
        assertThat(inner).isNotNull();
      }
    }
    // Both released: a later entry gets the one slot.
    try (ImportLocks.Held again = locks.enter(List.of(ImportLocks.region("b")))) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void racesAreRunAgain_otherFailuresAreNot() {
    assertThat(ConcurrencyFailures.lostARace(new DuplicateKeyException("cd_principal_principal_id_key"))).isTrue();
    assertThat(ConcurrencyFailures.lostARace(new CannotAcquireLockException("deadlock"))).isTrue();
    assertThat(ConcurrencyFailures.lostARace(new ProcessEngineException("flush", new OptimisticLockingException("GroupEntity")))).isTrue();
    // The engine's batch: the statement's error is the batch exception's next exception.
    BatchUpdateException batch = new BatchUpdateException("batch failed", "40P01", new int[0]);
    assertThat(ConcurrencyFailures.lostARace(new ProcessEngineException("ENGINE-03083", batch))).isTrue();
    BatchUpdateException unique = new BatchUpdateException("batch failed", new int[0]);
    unique.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
    assertThat(ConcurrencyFailures.lostARace(new ProcessEngineException("ENGINE-03083", unique))).isTrue();

    assertThat(ConcurrencyFailures.lostARace(new PlanValidationException(List.of()))).isFalse();
    assertThat(ConcurrencyFailures.lostARace(new ProcessEngineException("flush", new SQLException("value too long", "22001")))).isFalse();
    assertThat(ConcurrencyFailures.lostARace(new IllegalStateException("plan x: 3 of 4 key tasks started"))).isFalse();
  }
}
