package org.campaigndesk.kernel;

import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

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

  public static void run(ProcessEngine engine, Runnable work) {
    run(engine, () -> {
      work.run();
      return null;
    });
  }
}
