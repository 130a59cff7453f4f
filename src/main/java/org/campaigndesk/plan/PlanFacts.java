package org.campaigndesk.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.kernel.Json;

/**
 * What a plan's running processes need to know of the plan itself (its units and leaders, its
 * campaigns, its listed supervision, its key tasks), taken from the plan file once, when it
 * is imported or revised, and kept as a typed JSON variable ({@link #VARIABLE}) on the instances the
 * import starts (the annual plan, the quarterly scoring). A step reads it from its own instance or
 * the instance that called it ({@link #of}); nothing reads the plan file while the processes run.
 * What a key task's instance decides for itself (its lead unit and leaders after 分解交办 or
 * 牵头单位调整) is read from that instance, not from here.
 */
public record PlanFacts(String planId, String title, int year, String timezone, List<Unit> units, List<Leader> leaders,
    List<KeyTask> keyTasks, List<Plan.Campaign> campaigns, Plan.Supervision supervision) {

  public static final String VARIABLE = "planFacts";

  /** A unit by its id (the Camunda group), with its name and the other names the plan knows it by. */
  public record Unit(String id, String name, List<String> aliases) {}

  public record Leader(String id, String name) {}

  /**
   * A key task as the plan gives it: its label, its lead leaders and owning unit (empty while it
   * awaits its owner; the key task's instance knows them once assigned).
   */
  public record KeyTask(int no, String label, List<String> leadLeaderIds, String owningUnitId, boolean awaitingOwner) {}

  public static PlanFacts of(Plan plan) {
    return new PlanFacts(plan.info().id(), plan.info().title(), plan.info().year(), plan.info().timezone().getId(),
        plan.units().stream().map(u -> new Unit(u.id(), u.name(), u.aliases() == null ? List.of() : u.aliases())).toList(),
        plan.leaders().stream().map(l -> new Leader(l.id(), l.name())).toList(),
        plan.tasks().stream().map(t -> new KeyTask(t.no(), t.label(), t.leadLeaderIds(), t.owningUnitId(), t.awaitingOwner()))
            .toList(), plan.campaigns(), plan.supervision());
  }

  /** The facts above {@code scope}: its own instance's, or those of the instance that called it, and so on up. */
  public static PlanFacts of(VariableScope scope) {
    DelegateExecution execution = scope instanceof DelegateTask task ? task.getExecution() : (DelegateExecution) scope;
    for (DelegateExecution at = execution; at != null; at = at.getProcessInstance().getSuperExecution()) {
      Object value = at.getVariable(VARIABLE);
      if (value != null) {
        return read(value);
      }
    }
    throw new IllegalStateException("no " + VARIABLE + " on process instance " + execution.getProcessInstanceId()
        + " or the instances that called it");
  }

  /** The facts from the variable's value (Spin JSON, or its text). */
  public static PlanFacts read(Object value) {
    try {
      return Json.MAPPER.readValue(value.toString(), PlanFacts.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(VARIABLE + " is not what PlanFacts writes", e);
    }
  }

  /** As the variable is stored: JSON, typed, so Cockpit shows it as such. */
  public TypedValue value() {
    try {
      return SpinValues.jsonValue(Json.MAPPER.writeValueAsString(this)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Optional<KeyTask> keyTask(int no) {
    return keyTasks.stream().filter(t -> t.no() == no).findFirst();
  }

  public ZoneId zone() {
    return ZoneId.of(timezone);
  }

  public Optional<Unit> unit(String id) {
    return units.stream().filter(u -> u.id().equals(id)).findFirst();
  }

  /** A unit's name, or its id where the plan does not name it. */
  public String unitName(String id) {
    return unit(id).map(Unit::name).orElse(id);
  }

  public Map<String, String> unitNames() {
    Map<String, String> names = new LinkedHashMap<>();
    units.forEach(u -> names.put(u.id(), u.name()));
    return names;
  }

  public String leaderName(String id) {
    return leaders.stream().filter(l -> l.id().equals(id)).map(Leader::name).findFirst().orElse(id);
  }
}
