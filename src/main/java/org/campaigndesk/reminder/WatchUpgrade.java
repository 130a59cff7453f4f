package org.campaigndesk.reminder;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.campaigndesk.kernel.GuardedScopes;
import org.springframework.stereotype.Component;

/**
 * Running deadline watches of earlier versions, brought to report by message (steps of the start-up
 * upgrade, ops.RunningInstanceUpgrades, after the callers have moved to definitions that listen):
 * <ul>
 * <li>a watch started before its call named the scope it guards ({@value WatchVariables#WATCHED_SCOPE})
 * learns it from the activity history: the scope enclosing the call activity that started it;</li>
 * <li>a watch whose deadline passed (or moved) while its caller did not listen yet reports again,
 * where the caller's scope does not show what the watch knows.</li>
 * </ul>
 * Both find nothing to do once no such watch is left.
 */
@Component
public class WatchUpgrade {

  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  public WatchUpgrade(RuntimeService runtimeService, HistoryService historyService) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
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
      if (caller == null) {
        continue;
      }
      String scope = historyService.createHistoricActivityInstanceQuery().processInstanceId(caller).activityType("callActivity")
          .unfinished().list().stream().filter(a -> watch.equals(a.getCalledProcessInstanceId()))
          .map(HistoricActivityInstance::getParentActivityInstanceId).findFirst().orElse(null);
      if (scope != null) {
        runtimeService.setVariable(watch, WatchVariables.WATCHED_SCOPE, scope);
        given++;
      }
    }
    return given;
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
      if (execution == null || Boolean.TRUE.equals(runtimeService.getVariableLocal(execution, WatchVariables.OVERDUE))) {
        continue;
      }
      if (CallerReport.send(runtimeService, caller, scope.toString(), true,
          runtimeService.getVariable(watch, WatchVariables.DEADLINE_KIND))) {
        reported++;
      }
    }
    return reported;
  }

  private List<String> runningWatches() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(WatchVariables.PROCESS_KEY).list().stream()
        .map(ProcessInstance::getId).toList();
  }

  private String callerOf(String watch) {
    return WatchedWork.callerOf(runtimeService, watch);
  }
}
