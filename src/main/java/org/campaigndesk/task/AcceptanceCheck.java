package org.campaigndesk.task;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * The acceptance (验收) on the server: pass (which closes the key task out, 销号), pass with remarks
 * (closes it out as well; the remarks are kept for the unit and the ledger), or return for rework
 * with the reason the unit is to work on.
 */
@Component("acceptanceCheck")
public class AcceptanceCheck implements TaskListener {

  public static final String ACCEPT = "accept";
  public static final String ACCEPT_WITH_REMARKS = "acceptWithRemarks";
  public static final String RETURN = "return";
  public static final String RETURN_REASON = "returnReason";
  public static final String ACCEPTANCE_REMARKS = "acceptanceRemarks";

  @Override
  public void notify(DelegateTask task) {
    Object decision = task.getVariable(KeyTaskVariables.ACCEPTANCE_DECISION);
    List<String> problems = new ArrayList<>();
    if (RETURN.equals(decision)) {
      if (blank(task.getVariable(RETURN_REASON))) {
        problems.add("退回原因：退回整改时必须写明需要整改的问题");
      }
    } else if (ACCEPT_WITH_REMARKS.equals(decision)) {
      if (blank(task.getVariable(ACCEPTANCE_REMARKS))) {
        problems.add("验收意见：选择“通过（附意见）”时必须填写意见");
      }
    } else if (!ACCEPT.equals(decision)) {
      problems.add("验收结论：请选择“通过验收并销号”“通过（附意见）并销号”或“退回整改”");
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("验收未通过检查：" + String.join("；", problems));
    }
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
