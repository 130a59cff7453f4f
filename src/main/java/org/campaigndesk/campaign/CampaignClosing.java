package org.campaigndesk.campaign;

import org.campaigndesk.kernel.ShownLines;
import static org.campaigndesk.campaign.CampaignVariables.*;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/**
 * The window has closed: every main content a unit had not finished is recorded, with who and
 * what, as carried over into the next campaign (or overdue after the last one); nothing is dropped.
 */
@Component("campaignClosing")
public class CampaignClosing implements JavaDelegate {

  static final String COMPLETED = "completed";

  private final HistoryService historyService;

  public CampaignClosing(HistoryService historyService) {
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object next = execution.getVariable(NEXT_CAMPAIGN_NAME);
    String fate = next == null ? "逾期未完成" : "结转至" + next;
    List<String> open = new ArrayList<>();
    for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey("Task_CampaignItem")
        .orderByHistoricActivityInstanceStartTime().asc().list()) {
      if (!COMPLETED.equals(task.getDeleteReason())) {
        String unit = localText(task, "unitName");
        open.add(unit + "：" + localText(task, "itemTitle") + "（" + fate + "）");
      }
    }
    execution.setVariable(CARRIED_OVER_TEXT, ShownLines.of(open));
    execution.setVariable("carriedOverCount", open.size());
    execution.setVariable(CAMPAIGN_STATUS, "closed");
  }

  private String localText(HistoricTaskInstance task, String name) {
    var value = historyService.createHistoricVariableInstanceQuery().taskIdIn(task.getId()).variableName(name).singleResult();
    return value == null ? "" : String.valueOf(value.getValue());
  }
}
