package org.campaigndesk.task;

import java.util.List;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** The units that each get a contribution task: co-lead units first, then responsible units. */
@Component("contributors")
public class Contributors {

  public List<String> of(VariableScope scope) {
    return KeyTaskVariables.splitIds(scope.getVariable(KeyTaskVariables.CONTRIBUTOR_UNIT_IDS));
  }
}
