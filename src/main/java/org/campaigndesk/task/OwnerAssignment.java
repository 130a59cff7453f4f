package org.campaigndesk.task;

import org.campaigndesk.kernel.JsonLists;
import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.campaigndesk.plan.PlanFacts;
import org.springframework.stereotype.Component;

/**
 * 分解交办: a coordinator names the lead unit, responsible units, lead leaders and deadline of a key
 * task the plan left open, choosing from the plan's own lists. Checked on the server (a form's
 * checks can be bypassed over REST), then the key task gets the same record an import gives a task
 * whose owner the plan names.
 */
@Component("ownerAssignment")
public class OwnerAssignment implements TaskListener {

  // The form's fields (task-local placeholders set at create) and its option lists.
  public static final String LEAD_UNIT = "assignLeadUnit";
  public static final String RESPONSIBLE_UNITS = "assignResponsibleUnits";
  public static final String LEAD_LEADERS = "assignLeadLeaders";
  public static final String DEADLINE_CHOICE = "assignDeadline";
  public static final String UNIT_OPTIONS = "unitOptions";
  public static final String LEADER_OPTIONS = "leaderOptions";
  public static final String ASSIGNED_BY = "ownerAssignedBy";

  /** What a coordinator chose, checked against the plan. */
  public record Choice(String leadUnitId, List<String> responsibleUnitIds, List<String> leadLeaderIds, LocalDate deadline) {}

  private final KeyTaskStarter starter;

  public OwnerAssignment(KeyTaskStarter starter) {
    this.starter = starter;
  }

  @Override
  public void notify(DelegateTask task) {
    PlanFacts plan = PlanFacts.of(task);
    Choice choice = check(plan, DueDates.today(DueDates.zone(task)),
        TaskVariables.submitted(task, LEAD_UNIT), TaskVariables.submitted(task, RESPONSIBLE_UNITS),
        TaskVariables.submitted(task, LEAD_LEADERS), TaskVariables.submitted(task, DEADLINE_CHOICE), "分解交办未通过检查：");
    apply(plan, task.getExecution(), choice);
    task.getExecution().setVariable(ASSIGNED_BY, task.getAssignee());
  }

  /**
   * Checks a choice: every field named with its problem, in Chinese.
   *
   * @throws ProcessEngineException listing every problem
   */
  public static Choice check(PlanFacts plan, LocalDate today, Object leadUnit, Object responsibleUnits, Object leadLeaders,
      Object deadline, String prefix) {
    List<String> problems = new ArrayList<>();
    String lead = leadUnit == null ? "" : leadUnit.toString().trim();
    if (lead.isEmpty()) {
      problems.add("牵头责任单位：请选择");
    } else if (plan.unit(lead).isEmpty()) {
      problems.add("牵头责任单位：“" + lead + "”不是本计划的单位");
    }
    List<String> responsible = new ArrayList<>();
    for (String id : ids(responsibleUnits)) {
      if (plan.unit(id).isEmpty()) {
        problems.add("责任单位：“" + id + "”不是本计划的单位");
      } else if (!id.equals(lead) && !responsible.contains(id)) {
        responsible.add(id);
      }
    }
    List<String> chosenLeaders = new ArrayList<>();
    for (String id : ids(leadLeaders)) {
      if (plan.leader(id).isEmpty()) {
        problems.add("牵头责任领导：“" + id + "”不是本计划的领导");
      } else if (!chosenLeaders.contains(id)) {
        chosenLeaders.add(id);
      }
    }
    LocalDate date = null;
    String dateText = deadline == null ? "" : deadline.toString().trim();
    if (dateText.isEmpty()) {
      problems.add("完成时限：请选择日期");
    } else {
      try {
        date = LocalDate.parse(dateText.length() > 10 ? dateText.substring(0, 10) : dateText);
        if (date.isBefore(today)) {
          problems.add("完成时限：" + date + " 已经过去");
        } else if (date.getYear() > plan.year() + 1) {
          problems.add("完成时限：" + date + " 超出计划期（" + plan.spanText() + "）");
        }
      } catch (DateTimeParseException e) {
        problems.add("完成时限：“" + dateText + "”不是日期（YYYY-MM-DD）");
      }
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException(prefix + String.join("；", problems));
    }
    return new Choice(lead, responsible, chosenLeaders, date);
  }

  /** Gives the key task the variables of its chosen owner, as an import would have. */
  void apply(PlanFacts plan, VariableScope keyTask, Choice choice) {
    PlanFacts.KeyTask assigned = plan.keyTask(KeyTaskRecord.of(keyTask).taskNo()).orElseThrow()
        .assigned(choice.leadLeaderIds(), choice.leadUnitId(), choice.responsibleUnitIds(), choice.deadline());
    starter.record(plan, assigned).writeTo(keyTask);
  }

  /** A list field as Tasklist submits it (JSON), as a REST client may (a list or comma text), or empty. */
  static List<String> ids(Object value) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    if (value instanceof SpinJsonNode node) {
      if (node.isArray()) {
        node.elements().forEach(e -> ids.add(e.isString() ? e.stringValue() : e.toString()));
      } else if (node.isString()) {
        ids.addAll(JsonLists.read(node.stringValue()));
      }
    } else if (value instanceof Collection<?> list) {
      list.forEach(v -> ids.add(String.valueOf(v)));
    } else if (value != null) {
      String text = value.toString().trim();
      if (text.startsWith("[")) {
        ids.addAll(JsonLists.read(text.replaceAll("[\\[\\]\"]", "")));
      } else {
        ids.addAll(JsonLists.read(text));
      }
    }
    ids.removeIf(String::isBlank);
    return List.copyOf(ids);
  }
}
