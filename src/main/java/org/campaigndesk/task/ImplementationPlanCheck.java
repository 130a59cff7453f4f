package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete the implementation plan while its breakdown has problems (Tasklist shows
 * them), and keeps the accepted breakdown as a JSON list for the contribution tasks.
 */
@Component("implementationPlanCheck")
public class ImplementationPlanCheck implements TaskListener {

  public static final String SUB_ITEMS_TEXT = "subItemsText";


  @Override
  public void notify(DelegateTask task) {
    KeyTaskRecord keyTask = KeyTaskRecord.of(task);
    Map<String, String> units = keyTask.unitNames();
    LocalDate deadline = keyTask.deadline();
    LocalDate today = DueDates.today(DueDates.zone(task));
    Object text = task.getVariable(SUB_ITEMS_TEXT);
    ImplementationPlanRules.Result result = text != null && !text.toString().isBlank()
        ? ImplementationPlanRules.checkLines(text.toString(), units, keyTask.unitAliases(), today, deadline)
        : ImplementationPlanRules.checkJson(JsonVariables.text(task.getVariable(SUB_ITEMS)), units, today, deadline);
    if (!result.problems().isEmpty()) {
      throw new ProcessEngineException("实施方案未通过检查：" + String.join("；", result.problems()));
    }
    task.getExecution().setVariable(SUB_ITEMS, SpinValues.jsonValue(result.itemsJson()).create());
  }
}
