package org.campaigndesk.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** How the kernel's plugins put a manager of their own in place of one of the engine's, for every command. */
final class EngineSessions {

  private EngineSessions() {}

  /** Before the engine is built ({@code preInit}): each command's {@code type} session is {@code manager}'s. */
  static void replace(ProcessEngineConfigurationImpl configuration, Class<? extends Session> type, Supplier<? extends Session> manager) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return type;
      }

      @Override
      public Session openSession() {
        return manager.get();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }
}
