package org.campaigndesk.kernel;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A user task made in this command has no variables in the database (its id is new), yet the
 * engine queries them (one select by task id) as soon as its create listeners read or set one of
 * the task's own: a campaign item's or a month's report's form placeholders, on every task of a
 * storm. The engine knows this for a new execution and skips its query; this does the same for a
 * new task, first of its create listeners (built-in listeners run before the process's own).
 */
@Component
public class NewTasksHoldNoVariables extends AbstractProcessEnginePlugin {

  private static final Field VARIABLE_STORE;

  static {
    try {
      VARIABLE_STORE = TaskEntity.class.getDeclaredField("variableStore");
      VARIABLE_STORE.setAccessible(true);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("the engine's TaskEntity has no variableStore field", e);
    }
  }

  static final TaskListener EMPTY_AT_CREATE = NewTasksHoldNoVariables::holdsNone;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
          userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, EMPTY_AT_CREATE);
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  @SuppressWarnings("unchecked")
  static void holdsNone(DelegateTask task) {
    if (!(task instanceof TaskEntity entity) || !newInThisCommand(entity)) {
      return;
    }
    try {
      VariableStore<?> store = (VariableStore<?>) VARIABLE_STORE.get(entity);
      if (!store.isInitialized()) {
        ((VariableStore<org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance>) store)
            .setVariablesProvider(VariableCollectionProvider.emptyVariables());
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the engine's task variables cannot be reached", e);
    }
  }

  private static boolean newInThisCommand(TaskEntity task) {
    CachedDbEntity cached = Context.getCommandContext().getDbEntityManager().getDbEntityCache()
        .getCachedEntity(TaskEntity.class, task.getId());
    return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
  }
}
