package org.campaigndesk.kernel;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The engine's in-memory variables of an execution or task, which it loads with one query on first
 * use: whether they are loaded (so that reading one costs no query), and telling a task that has
 * none in the database that it has none (so that the query is not made). The engine keeps them in a
 * protected field; this is the one place that reaches it.
 */
final class VariableStores {

  private static final Field OF_TASK = field(TaskEntity.class);
  private static final Field OF_EXECUTION = field(ExecutionEntity.class);

  private VariableStores() {}

  /** Loads the fields (at the engine's start): an engine version without them fails then, naming the field. */
  static void reachable() {
    java.util.Objects.requireNonNull(OF_TASK, "TaskEntity.variableStore");
    java.util.Objects.requireNonNull(OF_EXECUTION, "ExecutionEntity.variableStore");
  }

  /** Whether the execution's variables are in memory: reading one of them runs no query. */
  static boolean loaded(ExecutionEntity execution) {
    return store(OF_EXECUTION, execution).isInitialized();
  }

  /** The task has no variables stored (it is new in this command): none are queried. */
  @SuppressWarnings("unchecked")
  static void holdsNone(TaskEntity task) {
    VariableStore<CoreVariableInstance> store = (VariableStore<CoreVariableInstance>) store(OF_TASK, task);
    if (!store.isInitialized()) {
      store.setVariablesProvider(VariableCollectionProvider.emptyVariables());
    }
  }

  private static VariableStore<?> store(Field field, Object owner) {
    try {
      return (VariableStore<?>) field.get(owner);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the engine's variables cannot be reached", e);
    }
  }

  private static Field field(Class<?> type) {
    try {
      Field field = type.getDeclaredField("variableStore");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("the engine's " + type.getSimpleName() + " has no variableStore field", e);
    }
  }
}
