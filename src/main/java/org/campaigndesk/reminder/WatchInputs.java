package org.campaigndesk.reminder;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * What every deadline watch is told about the work it watches, written once for all the call
 * activities that start one ({@code camunda:variableMappingDelegateExpression="${watchInputs}"}).
 * What differs per call (the due date, the subject, the kind) stays in the call activity's own
 * {@code camunda:in} mappings, which the engine applies first. The work's facts are not copied: the
 * watch reads them from its caller ({@link WatchedWork}); only a fact the caller holds in an inner
 * scope (a campaign's item), which its process instance does not show, goes along.
 */
@Component("watchInputs")
public class WatchInputs implements DelegateVariableMapping {

  /** The calling work's facts that the watch's mails and links show. */
  static final List<String> WATCHED_WORK = List.of(PLAN_ID, PLAN_TITLE, PLAN_TIMEZONE, TASK_NO, TASK_LABEL, DEADLINE_TEXT,
      LEAD_UNIT_ID, LEAD_UNIT_NAME, LEAD_LEADER_IDS, LEAD_LEADER_NAMES);

  @Override
  public void mapInputVariables(DelegateExecution caller, VariableMap watch) {
    for (String name : WATCHED_WORK) {
      // Only what the caller has: a rectification or a supervision target has no key-task number.
      if (caller.hasVariable(name) && !watch.containsKey(name)
          && !java.util.Objects.equals(caller.getVariable(name), caller.getProcessInstance().getVariable(name))) {
        watch.putValue(name, caller.getVariable(name));
      }
    }
    mapScope(caller, watch);
  }

  /**
   * Set after the facts: a caller-held fact of the same name never hides it. The scope is the one
   * holding the call activity, unless a scope around the call names the one it guards (an event
   * subprocess that only starts the watch when it is due names the work's scope around it).
   */
  void mapScope(DelegateExecution caller, VariableMap watch) {
    Object named = caller.getVariable(WatchVariables.WATCHED_SCOPE);
    watch.putValue(WatchVariables.WATCHED_SCOPE, named != null ? named : caller.getParentActivityInstanceId());
  }

  @Override
  public void mapOutputVariables(DelegateExecution caller, VariableScope watch) {
    // The watch reports nothing back through variables.
  }
}
