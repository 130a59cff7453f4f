package org.campaigndesk.kernel;

import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.camunda.bpm.engine.impl.util.CollectionUtil;
import org.springframework.stereotype.Component;

/**
 * The engine's entity manager without two costs of every command that writes many rows, its
 * behaviour otherwise unchanged.
 *
 * <p><b>Longer flush slices.</b> The engine flushes a command's rows in slices of 50
 * ({@link DbEntityManager#BATCH_SIZE}), and each slice ends the JDBC batch of every table it
 * touches: a county's import (about 1,000 rows in one command, 250 variables, 216 of their history)
 * went to the database in 49 batches where one per table would do. This flushes in slices of {@value #ROWS_PER_FLUSH}; the rows, their order and the
 * handling of a failed or concurrently modified row are the engine's own (its
 * {@code flushDbOperations}), only the slices are longer.
 *
 * <p><b>An entity's id checked without rendering the entity.</b> The engine checks every inserted
 * entity's id with a message built beforehand from the entity's {@code toString}, whether the id is
 * valid or not: a tenth of a county import's CPU in this application (a historic activity or
 * variable renders a dozen fields). The message is now built only for an id the engine refuses, by
 * the engine's own check, so the refusal reads as before.
 */
@Component
public class LeanDbEntityManager extends AbstractProcessEnginePlugin {

  /** Large enough for a county's import in one slice, small enough to bound a batch of a huge command. */
  static final int ROWS_PER_FLUSH = 1000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineSessions.replace(configuration, DbEntityManager.class,
        () -> new Manager(configuration, Context.getCommandContext().getSession(PersistenceSession.class)));
  }

  static final class Manager extends DbEntityManager {

    Manager(ProcessEngineConfigurationImpl configuration, PersistenceSession persistenceSession) {
      super(configuration.getIdGenerator(), persistenceSession);
    }

    /** {@link DbEntityManager#validateId}, asked only for an id it refuses (null or {@code *}). */
    @Override
    protected void validateId(DbEntity dbEntity) {
      String id = dbEntity.getId();
      if (id == null || Authorization.ANY.equals(id)) {
        super.validateId(dbEntity);
      }
    }

    /** {@link DbEntityManager#flushDbOperationManager} with longer slices. */
    @Override
    protected void flushDbOperationManager() {
      List<DbOperation> operations = dbOperationManager.calculateFlush();
      if (operations == null || operations.isEmpty()) {
        return;
      }
      LOG.databaseFlushSummary(operations);
      if (isIgnoreForeignKeysForNextFlush) {
        persistenceSession.executeNonEmptyUpdateStmt(TOGGLE_FOREIGN_KEY_STMT, false);
        persistenceSession.flushOperations();
      }
      try {
        for (List<DbOperation> slice : CollectionUtil.partition(operations, ROWS_PER_FLUSH)) {
          flushDbOperations(slice, operations);
        }
      } finally {
        if (isIgnoreForeignKeysForNextFlush) {
          persistenceSession.executeNonEmptyUpdateStmt(TOGGLE_FOREIGN_KEY_STMT, true);
          persistenceSession.flushOperations();
          isIgnoreForeignKeysForNextFlush = false;
        }
      }
    }
  }
}
