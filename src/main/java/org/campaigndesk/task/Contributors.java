package org.campaigndesk.task;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Who contributes to a key task: the units the implementation plan's breakdown gives work to (its
 * lead unit aside, whose items are its own work), each with one contribution task. The other
 * responsible and co-lead units are informed (知会) without a task.
 */
@Component("contributors")
public class Contributors {

  private final Breakdown breakdown;

  public Contributors(Breakdown breakdown) {
    this.breakdown = breakdown;
  }

  /** Units with a contribution task: co-lead and responsible units in the plan's order, then any other unit the breakdown names. */
  public List<String> of(VariableScope scope) {
    KeyTaskRecord keyTask = KeyTaskRecord.of(scope);
    String lead = keyTask.leadUnitId();
    List<String> named = breakdown.namedUnits(scope);
    List<String> result = new ArrayList<>();
    for (String unit : keyTask.contributorUnitIds()) {
      if (named.contains(unit) && !unit.equals(lead)) {
        result.add(unit);
      }
    }
    named.stream().filter(u -> !u.equals(lead) && !result.contains(u)).forEach(result::add);
    return result;
  }

  /** Co-lead and responsible units the breakdown gives no work: they are informed only. */
  public List<String> informed(VariableScope scope) {
    List<String> contributing = of(scope);
    KeyTaskRecord keyTask = KeyTaskRecord.of(scope);
    String lead = keyTask.leadUnitId();
    return keyTask.contributorUnitIds().stream()
        .filter(u -> !contributing.contains(u) && !u.equals(lead)).distinct().toList();
  }
}
