package org.campaigndesk.kernel;

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

  static final TaskListener EMPTY_AT_CREATE = NewTasksHoldNoVariables::holdsNone;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // An engine without the field this reaches fails the start here, not every storm job later.
    VariableStores.reachable();
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

  static void holdsNone(DelegateTask task) {
    if (task instanceof TaskEntity entity && newInThisCommand(entity)) {
      VariableStores.holdsNone(entity);
    }
  }

  private static boolean newInThisCommand(TaskEntity task) {
    CachedDbEntity cached = Context.getCommandContext().getDbEntityManager().getDbEntityCache()
        .getCachedEntity(TaskEntity.class, task.getId());
    return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
  }
}
