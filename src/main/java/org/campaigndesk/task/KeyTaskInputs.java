package org.campaigndesk.task;

import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanRepository;
import org.springframework.stereotype.Component;

/**
 * Input of the annual plan's call activity into {@code key-task}: the key task numbered by the
 * multi-instance element {@code keyTaskNo}, with all its variables, from the imported plan.
 */
@Component("keyTaskInputs")
public class KeyTaskInputs implements DelegateVariableMapping {

  public static final String KEY_TASK_NO = "keyTaskNo";

  private final PlanRepository plans;
  private final KeyTaskStarter starter;

  public KeyTaskInputs(PlanRepository plans, KeyTaskStarter starter) {
    this.plans = plans;
    this.starter = starter;
  }

  @Override
  public void mapInputVariables(DelegateExecution superExecution, VariableMap subVariables) {
    Plan plan = plans.load((String) superExecution.getVariable(KeyTaskVariables.PLAN_ID));
    int no = Integer.parseInt(superExecution.getVariable(KEY_TASK_NO).toString());
    Plan.KeyTask task = plan.tasks().stream().filter(t -> t.no() == no).findFirst()
        .orElseThrow(() -> new IllegalStateException("plan " + plan.info().id() + " has no key task " + no));
    subVariables.putAll(starter.variables(plan, task));
  }

  @Override
  public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
    // A key task's results stay with the key task.
  }
}
