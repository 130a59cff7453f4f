package org.campaigndesk.kernel;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Runs many service calls as one engine command: they share its session, so what they write is
 * flushed once at its end, in JDBC batches (an import writes a county's groups, users, memberships
 * and their authorizations: hundreds of rows that each service call would otherwise flush with a
 * round trip of its own). A query made inside sees the database, not what the command has written so
 * far: the caller reads first and writes after. Engine internals, hence here.
 */
public final class OneEngineCommand {

  private OneEngineCommand() {}

  public static <T> T run(ProcessEngine engine, Supplier<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(commandContext -> work.get());
  }

  /**
   * The instances of {@code processKey} that the running command has started (not yet written): what
   * a count query after the command would find of them, without the query.
   */
  public static long instancesStarted(String processKey) {
    DbEntityManager entities = current("instances started are counted").getDbEntityManager();
    return entities.getCachedEntitiesByType(ExecutionEntity.class).stream()
        .filter(e -> e.isProcessInstanceExecution() && entities.getDbEntityCache().isTransient(e))
        .filter(e -> processKey.equals(e.getProcessDefinition().getKey()))
        .count();
  }

  /** The engine command running on this thread, for {@code work} that must run inside one (named in the error). */
  static CommandContext current(String work) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      throw new IllegalStateException(work + " inside an engine command");
    }
    return command;
  }

  public static void run(ProcessEngine engine, Runnable work) {
    run(engine, () -> {
      work.run();
      return null;
    });
  }
}
