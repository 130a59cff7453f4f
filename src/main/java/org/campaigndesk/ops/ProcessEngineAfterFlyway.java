package org.campaigndesk.ops;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Makes the process engine (its configuration, which creates Camunda's tables when the engine is
 * built) wait for database initialization, i.e. Flyway. On an empty database Flyway must run first:
 * once Camunda's tables exist the schema is no longer empty, and baseline-on-migrate would take
 * the database over as version 1 without creating the application's tables.
 * Registered in META-INF/spring.factories.
 */
public class ProcessEngineAfterFlyway extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngineConfiguration.class, ProcessEngine.class);
  }
}
