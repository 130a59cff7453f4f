package org.campaigndesk.task;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.campaigndesk.plan.PlanFacts;
import org.springframework.stereotype.Component;

/**
 * Input of the annual plan's call activity into {@code key-task}: the key task numbered by the
 * multi-instance element {@code keyTaskNo}, with all its variables, from the plan's facts the annual
 * plan carries ({@link PlanFacts}).
 */
@Component("keyTaskInputs")
public class KeyTaskInputs implements DelegateVariableMapping {

  public static final String KEY_TASK_NO = "keyTaskNo";

  private final KeyTaskStarter starter;

  public KeyTaskInputs(KeyTaskStarter starter) {
    this.starter = starter;
  }

  @Override
  public void mapInputVariables(DelegateExecution superExecution, VariableMap subVariables) {
    PlanFacts plan = PlanFacts.of(superExecution);
    int no = Integer.parseInt(superExecution.getVariable(KEY_TASK_NO).toString());
    PlanFacts.KeyTask task = plan.keyTask(no)
        .orElseThrow(() -> new IllegalStateException("plan " + plan.planId() + " has no key task " + no));
    subVariables.putAll(starter.variables(plan, task));
  }

  @Override
  public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
    // A key task's results stay with the key task.
  }
}
