package org.campaigndesk.reminder;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.campaigndesk.kernel.GuardedScopes;
import org.springframework.stereotype.Component;

/**
 * Running deadline watches of earlier versions, brought to report by message (steps of the start-up
 * upgrade, ops.RunningInstanceUpgrades, after the callers have moved to definitions that listen):
 * <ul>
 * <li>a watch started before its call named the scope it guards ({@value WatchVariables#WATCHED_SCOPE})
 * learns it: the scope around the call activity that started it, as a call names it today;</li>
 * <li>a watch whose deadline passed (or moved) while its caller did not listen yet reports again,
 * where the caller does not show what the watch knows (its scope's flag, and for a main deadline the
 * instance's {@value WatchVariables#DEADLINE_PASSED}, which versions that marked the scope did not write).</li>
 * </ul>
 * Both find nothing to do once no such watch is left.
 */
@Component
public class WatchUpgrade {

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final RepositoryService repositoryService;

  public WatchUpgrade(RuntimeService runtimeService, HistoryService historyService, RepositoryService repositoryService) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.repositoryService = repositoryService;
  }

  /** @return the watches that were given the scope they guard */
  public int giveScopes() {
    List<String> watches = runningWatches();
    if (watches.isEmpty()) {
      return 0;
    }
    Set<String> scoped = runtimeService.createVariableInstanceQuery().variableName(WatchVariables.WATCHED_SCOPE)
        .processInstanceIdIn(watches.toArray(String[]::new)).list().stream()
        .map(VariableInstance::getProcessInstanceId).collect(Collectors.toSet());
    int given = 0;
    for (String watch : watches) {
      String caller = scoped.contains(watch) ? null : callerOf(watch);
      String scope = caller == null ? null : guardedScope(caller, watch);
      if (scope != null) {
        runtimeService.setVariable(watch, WatchVariables.WATCHED_SCOPE, scope);
        given++;
      }
    }
    return given;
  }

  /**
   * The scope of the caller that the watch guards, as the call names it today ({@link WatchInputs}):
   * the one a scope around the call names, else the one holding the call activity; a scope that only
   * starts the watch (an event subprocess, perhaps added around a running watch by a migration, whose
   * start never ran) guards the work around it. The call activity's instance is found in the activity
   * history (the engine's public API names no caller's execution).
   */
  private String guardedScope(String caller, String watch) {
    String callId = historyService.createHistoricActivityInstanceQuery().processInstanceId(caller).activityType("callActivity")
        .unfinished().list().stream().filter(a -> watch.equals(a.getCalledProcessInstanceId()))
        .map(HistoricActivityInstance::getId).findFirst().orElse(null);
    ActivityInstance call = callId == null ? null : GuardedScopes.find(runtimeService, caller, callId);
    if (call == null) {
      return null;
    }
    Object named = call.getExecutionIds().length == 0 ? null
        : runtimeService.getVariable(call.getExecutionIds()[0], WatchVariables.WATCHED_SCOPE);
    if (named != null) {
      return named.toString();
    }
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(call.getProcessDefinitionId());
    ActivityInstance scope = GuardedScopes.find(runtimeService, caller, call.getParentActivityInstanceId());
    while (scope != null && model.getModelElementById(scope.getActivityId()) instanceof SubProcess sub && sub.triggeredByEvent()) {
      scope = GuardedScopes.find(runtimeService, caller, scope.getParentActivityInstanceId());
    }
    return scope == null ? null : scope.getId();
  }

  /** @return the watches whose passed deadline their caller received now */
  public int reportAgain() {
    List<String> watches = runningWatches();
    if (watches.isEmpty()) {
      return 0;
    }
    int reported = 0;
    for (VariableInstance overdue : runtimeService.createVariableInstanceQuery().variableName(WatchVariables.OVERDUE)
        .variableValueEquals(WatchVariables.OVERDUE, true).processInstanceIdIn(watches.toArray(String[]::new)).list()) {
      String watch = overdue.getProcessInstanceId();
      Object scope = runtimeService.getVariable(watch, WatchVariables.WATCHED_SCOPE);
      String caller = scope == null ? null : callerOf(watch);
      String execution = caller == null ? null : GuardedScopes.executionOf(runtimeService, caller, scope.toString());
      if (execution == null || shown(caller, execution, runtimeService.getVariable(watch, WatchVariables.DEADLINE_KIND))) {
        continue;
      }
      if (CallerReport.send(runtimeService, caller, scope.toString(), true,
          runtimeService.getVariable(watch, WatchVariables.DEADLINE_KIND))) {
        reported++;
      }
    }
    return reported;
  }

  /**
   * Whether the caller shows the passed deadline already: its scope's {@code overdue}, and for a main
   * deadline the instance's {@value WatchVariables#DEADLINE_PASSED} too (versions whose watch marked
   * the scope itself wrote no such flag, and the record built from them says not passed).
   */
  private boolean shown(String caller, String scopeExecution, Object kind) {
    if (!Boolean.TRUE.equals(runtimeService.getVariableLocal(scopeExecution, WatchVariables.OVERDUE))) {
      return false;
    }
    return !WatchVariables.MAIN_DEADLINE_KINDS.contains(kind)
        || Boolean.TRUE.equals(runtimeService.getVariable(caller, WatchVariables.DEADLINE_PASSED));
  }

  private List<String> runningWatches() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(WatchVariables.PROCESS_KEY).list().stream()
        .map(ProcessInstance::getId).toList();
  }

  private String callerOf(String watch) {
    return WatchedWork.callerOf(runtimeService, watch);
  }
}
