package org.campaigndesk.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The database connections of one node, derived from its job threads: every job holds exactly one
 * connection for as long as it runs (mail is recorded and sent in the job's own transaction), and
 * web requests and health checks need theirs beside them. A pool smaller than job threads +
 * {@link #RESERVE} would let the job executor starve the web (or itself, before mail had one
 * connection per job); the application refuses to start with such a pair. See README, Operations.
 */
@Component
public class ConnectionBudget {

  /** Connections kept for web requests, health checks and metrics beside the job threads. */
  public static final int RESERVE = 5;

  public ConnectionBudget(@Value("${spring.datasource.hikari.maximum-pool-size:10}") int pool,
      @Value("${camunda.bpm.job-execution.max-pool-size:10}") int jobThreads) {
    String problem = problem(pool, jobThreads);
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
  }

  /** Why this pool and these job threads do not go together, or null. */
  public static String problem(int pool, int jobThreads) {
    if (pool < jobThreads + RESERVE) {
      return "spring.datasource.hikari.maximum-pool-size (CAMPAIGN_DESK_DB_POOL_SIZE) is " + pool
          + " but camunda.bpm.job-execution.max-pool-size (CAMPAIGN_DESK_JOB_THREADS) is " + jobThreads
          + ": each job thread holds a connection, and " + RESERVE + " more are needed for web requests;"
          + " make the pool at least " + (jobThreads + RESERVE) + " or the job threads at most " + (pool - RESERVE);
    }
    return null;
  }
}
