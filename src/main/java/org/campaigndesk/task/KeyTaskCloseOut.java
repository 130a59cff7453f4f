package org.campaigndesk.task;

import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.kernel.Clocks;
import org.springframework.stereotype.Component;

/** 销号: records when the key task was closed out, for the ledger and Cockpit. */
@Component("keyTaskCloseOut")
public class KeyTaskCloseOut implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(KeyTaskVariables.CLOSED_OUT_AT, Clocks.now());
  }
}
