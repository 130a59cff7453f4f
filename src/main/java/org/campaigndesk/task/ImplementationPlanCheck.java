package org.campaigndesk.task;

import static org.campaigndesk.task.KeyTaskVariables.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Refuses to complete the implementation plan while its breakdown has problems; Tasklist shows them. */
@Component("implementationPlanCheck")
public class ImplementationPlanCheck implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    List<String> units = new ArrayList<>();
    units.add((String) task.getVariable(LEAD_UNIT_ID));
    units.addAll(splitIds(task.getVariable(CONTRIBUTOR_UNIT_IDS)));
    Object deadline = task.getVariable(DEADLINE_DATE);
    ImplementationPlanRules.Result result = ImplementationPlanRules.check(
        JsonVariables.text(task.getVariable(SUB_ITEMS)), units, DueDates.today(DueDates.zone(task)),
        deadline == null ? null : LocalDate.parse(deadline.toString()));
    if (!result.problems().isEmpty()) {
      throw new ProcessEngineException("实施方案未通过检查：" + String.join("；", result.problems()));
    }
  }
}
