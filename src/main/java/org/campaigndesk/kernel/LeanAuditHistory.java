package org.campaigndesk.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelAudit;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.springframework.stereotype.Component;

/**
 * History level {@code audit} (the same level, id 2, so a database keeps it) without the history
 * rows that nothing reads: the activity instances of gateways and of plain (none) start events,
 * which a token passes in the instant it arrives, and the engine's multi-instance counters
 * ({@code loopCounter}, {@code nrOf...Instances}). What the application reads from history (the
 * ledger, the task links, the report openings, the campaign reviews) is tasks, subprocesses, call
 * activities, events with a trigger and its own variables, all kept; Cockpit shows the runtime.
 * A county's import wrote 11 activity instances per key task, 7 of them for gateways and start
 * events, and a history row per key task for the annual plan's loop counter (issue 15).
 */
@Component
public class LeanAuditHistory extends AbstractProcessEnginePlugin {

  /** Activity types whose instances are not kept in history (BPMN activity type names of the engine). */
  static final Set<String> PASSED_THROUGH = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway", "startEvent");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    // The engine picks the last level of the configured name: this one, for "audit".
    levels.add(new Level());
    configuration.setCustomHistoryLevels(levels);
  }

  /** Audit, less the rows of activities passed through and of multi-instance counters. */
  public static final class Level extends HistoryLevelAudit {

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (!super.isHistoryEventProduced(eventType, entity)) {
        return false;
      }
      if (entity instanceof ExecutionEntity execution && isActivityInstanceEvent(eventType)) {
        // Start and end of an activity instance are decided alike: both see the activity the execution is at.
        ActivityImpl activity = execution.getActivity();
        return activity == null || !PASSED_THROUGH.contains(activity.getProperties().get(BpmnProperties.TYPE));
      }
      if (entity instanceof VariableInstanceEntity variable && isVariableEvent(eventType)) {
        return !EngineTaps.LOOP_VARIABLES.contains(variable.getName());
      }
      return true;
    }

    private static boolean isActivityInstanceEvent(HistoryEventType eventType) {
      return eventType == HistoryEventTypes.ACTIVITY_INSTANCE_START || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_END
          || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE || eventType == HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE;
    }

    private static boolean isVariableEvent(HistoryEventType eventType) {
      return eventType == HistoryEventTypes.VARIABLE_INSTANCE_CREATE || eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE
          || eventType == HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE || eventType == HistoryEventTypes.VARIABLE_INSTANCE_DELETE;
    }
  }
}
