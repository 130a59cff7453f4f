package org.campaigndesk.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The application's audit rows follow the engine's history cleanup: once the engine has removed a
 * process instance's history (its time to live passed, in the nightly window), its task parties and
 * variable changes go too. Run after the window; on every node alike (the deletes are idempotent).
 */
@Component
public class AuditCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(AuditCleanup.class);

  private final JdbcTemplate jdbc;

  public AuditCleanup(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Deletes the rows of process instances the engine's history no longer has; returns how many. */
  @Scheduled(cron = "${campaign-desk.audit.cleanup-cron:0 30 5 * * *}")
  public int removeWhatHistoryCleanupRemoved() {
    int parties = jdbc.update("delete from cd_task_party where process_instance_id is not null and not exists"
        + " (select 1 from ACT_HI_PROCINST p where p.PROC_INST_ID_ = cd_task_party.process_instance_id)");
    int changes = jdbc.update("delete from cd_variable_change where not exists"
        + " (select 1 from ACT_HI_PROCINST p where p.PROC_INST_ID_ = cd_variable_change.process_instance_id)");
    if (parties + changes > 0) {
      LOG.info("Audit rows of cleaned-up history removed: {} task parties, {} variable changes", parties, changes);
    }
    return parties + changes;
  }
}
