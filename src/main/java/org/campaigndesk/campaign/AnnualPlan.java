package org.campaigndesk.campaign;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.campaigndesk.task.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * The annual-plan process's collections, and at the end of the plan year the record of which key
 * tasks were closed out and which are carried over into the next year (they go on running).
 */
@Component("annualPlan")
public class AnnualPlan implements JavaDelegate {

  public static final String CARRIED_OVER = "carriedOver";

  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  public AnnualPlan(RuntimeService runtimeService, HistoryService historyService) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  public List<String> keyTaskNos(VariableScope scope) {
    return KeyTaskVariables.splitIds(scope.getVariable(AnnualPlanStarter.KEY_TASK_NOS));
  }

  public List<String> campaignIds(VariableScope scope) {
    return KeyTaskVariables.splitIds(scope.getVariable(AnnualPlanStarter.CAMPAIGN_IDS));
  }

  /** Year end: every key task still open is marked carried over; the summary lists both kinds. */
  @Override
  public void execute(DelegateExecution execution) {
    List<String> status = new ArrayList<>();
    List<String> carriedOver = new ArrayList<>();
    List<HistoricProcessInstance> keyTasks = historyService.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(execution.getProcessInstanceId())
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .orderByProcessInstanceBusinessKey().asc()
        .list();
    for (HistoricProcessInstance keyTask : keyTasks) {
      String label = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(keyTask.getId())
          .variableName(KeyTaskVariables.TASK_LABEL).singleResult().getValue();
      if (keyTask.getEndTime() != null) {
        status.add(label + "：已销号");
      } else {
        runtimeService.setVariable(keyTask.getId(), CARRIED_OVER, true);
        status.add(label + "：未完成，结转下年度");
        carriedOver.add(label);
      }
    }
    execution.setVariable("keyTaskStatusText", String.join("\n", status));
    execution.setVariable("carriedOverKeyTasksText", String.join("\n", carriedOver));
    execution.setVariable("carriedOverCount", carriedOver.size());
  }
}
