package org.campaigndesk.campaign;

import org.campaigndesk.kernel.ShownLines;
import java.util.Map;
import org.campaigndesk.task.KeyTaskRecord;

import static org.campaigndesk.campaign.CampaignVariables.*;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * What the coordinators' review of a campaign shows: the key tasks whose deadline falls in this
 * campaign with their state, and every unit's campaign report.
 */
@Component("campaignReviewPreparation")
public class CampaignReviewPreparation implements JavaDelegate {

  private final HistoryService historyService;

  public CampaignReviewPreparation(HistoryService historyService) {
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> keyTasks = new ArrayList<>();
    for (HistoricProcessInstance keyTask : historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, execution.getVariable(KeyTaskVariables.PLAN_ID))
        .orderByProcessInstanceBusinessKey().asc().list()) {
      // The campaign is a fact of the key task's record, which no query reads: the plan's key tasks are picked here.
      Map<String, Object> facts = KeyTaskRecord.historicFacts(historyService, keyTask.getId());
      if (!java.util.Objects.equals(facts.get(KeyTaskVariables.CAMPAIGN_ID), execution.getVariable(CAMPAIGN_ID))) {
        continue;
      }
      keyTasks.add(facts.get(KeyTaskVariables.TASK_LABEL) + "（" + facts.get(KeyTaskVariables.DEADLINE_TEXT)
          + "）：" + (keyTask.getEndTime() != null ? "已销号" : "未完成"));
    }
    List<String> reports = new ArrayList<>();
    for (HistoricTaskInstance report : historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey("Task_CampaignReport").finished()
        .orderByHistoricActivityInstanceStartTime().asc().list()) {
      reports.add(taskVariable(report.getId(), "unitName") + "：" + taskVariable(report.getId(), "campaignReport"));
    }
    execution.setVariable("keyTasksInCampaignText", keyTasks.isEmpty() ? "本阶段没有到期的重点工作" : ShownLines.of(keyTasks));
    execution.setVariable("unitReportsText", reports.isEmpty() ? "无" : ShownLines.of(reports));
  }

  private Object taskVariable(String taskId, String name) {
    var value = historyService.createHistoricVariableInstanceQuery().taskIdIn(taskId).variableName(name).singleResult();
    return value == null ? "" : value.getValue();
  }
}
