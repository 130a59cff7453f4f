package org.campaigndesk.reminder;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * Starts the discipline commission's interview and accountability (process {@code escalation}) as
 * an instance of its own: a missed deadline stays missed, so finishing the work later must not
 * cancel the interview the way it ends the watch.
 */
@Component("startEscalation")
public class StartEscalation implements JavaDelegate {

  public static final String PROCESS_KEY = "escalation";
  public static final String GUARDED_INSTANCE_ID = "guardedInstanceId";
  static final List<String> COPIED = List.of(KeyTaskVariables.PLAN_ID, KeyTaskVariables.PLAN_TITLE,
      KeyTaskVariables.PLAN_TIMEZONE, KeyTaskVariables.TASK_LABEL, KeyTaskVariables.DEADLINE_TEXT,
      KeyTaskVariables.LEAD_UNIT_ID, KeyTaskVariables.LEAD_UNIT_NAME, KeyTaskVariables.LEAD_LEADER_NAMES,
      WatchVariables.WATCH_SUBJECT, WatchVariables.DUE_DATE_TEXT, WatchVariables.DAYS_OVERDUE, WatchVariables.DEADLINE_KIND);

  private final RuntimeService runtimeService;

  public StartEscalation(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution called) {
    // The watched work's facts live with the work, not copied into the watch.
    DelegateExecution execution = WatchedWork.view(called);
    VariableMap variables = Variables.createVariables();
    COPIED.forEach(name -> variables.putValue(name, execution.getVariable(name)));
    variables.putValue(GUARDED_INSTANCE_ID, WatchedWork.callerOf(called));
    variables.putValue("watchInstanceId", execution.getProcessInstanceId());
    // Started on its own (finishing the work must not cancel it), so it is told its county.
    variables.putValue(org.campaigndesk.kernel.RegionTenants.REGION_ID, execution.getTenantId());
    runtimeService.startProcessInstanceByKey(PROCESS_KEY, execution.getProcessBusinessKey(), variables);
  }
}
