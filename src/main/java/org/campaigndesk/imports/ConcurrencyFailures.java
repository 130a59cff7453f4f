package org.campaigndesk.imports;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Whether a failed import, withdrawal or revision lost a race with another transaction and is
 * worth running again from the start (its transaction was rolled back whole): a deadlock, a lock
 * or serialization failure, the engine's optimistic locking, or a unique key another transaction
 * took first (cd_principal: two new counties both picking {@code agri}; run again, the loser sees
 * it taken and picks {@code <county>.agri}). Anything else (a bad plan, a plan imported already)
 * is no race and is answered as it is.
 */
final class ConcurrencyFailures {

  /** serialization_failure (H2: deadlock too), deadlock_detected, lock_not_available, unique_violation. */
  private static final Set<String> RACE_STATES = Set.of("40001", "40P01", "55P03", "23505");
  /** H2: a lock not granted within its lock timeout. */
  private static final String H2_LOCK_TIMEOUT = "HYT00";

  private ConcurrencyFailures() {}

  static boolean lostARace(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return lostARace(failure, seen);
  }

  private static boolean lostARace(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return false;
    }
    if (t instanceof OptimisticLockingException || t instanceof ConcurrencyFailureException || t instanceof DuplicateKeyException) {
      return true;
    }
    if (t instanceof SQLException sql) {
      String state = sql.getSQLState();
      if (state != null && (RACE_STATES.contains(state) || H2_LOCK_TIMEOUT.equals(state))) {
        return true;
      }
      // A batch's failure names the failed statement's error as the next exception, not as its cause.
      if (lostARace(sql.getNextException(), seen)) {
        return true;
      }
    }
    return lostARace(t.getCause(), seen);
  }
}
