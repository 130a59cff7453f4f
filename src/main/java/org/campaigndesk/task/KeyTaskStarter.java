package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.campaigndesk.kernel.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanFacts;
import org.springframework.stereotype.Component;

/** Assigns a key task (交办): the variables its {@code key-task} process starts with, and its business key. */
@Component
public class KeyTaskStarter {

  /** A deadline date means the end of that day in the plan's time zone. */
  public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

  private final RuntimeService runtimeService;
  private final org.camunda.bpm.engine.HistoryService historyService;
  private final ObjectMapper json = Json.MAPPER;

  public KeyTaskStarter(RuntimeService runtimeService, org.camunda.bpm.engine.HistoryService historyService) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  public static String businessKey(String planId, int taskNo) {
    return planId + "/" + String.format("%02d", taskNo);
  }

  /** For the BPMN: the business key of the key task a call activity starts. */
  public String businessKeyOf(String planId, Object taskNo) {
    return businessKey(planId, Integer.parseInt(taskNo.toString()));
  }

  /** Key tasks of the plan started so far, running or ended (a large plan's progress). */
  public long countStartedEver(String planId) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(PLAN_ID, planId).count();
  }

  public long countStarted(String planId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(PLAN_ID, planId).count();
  }

  /**
   * Everything the key task's steps show and use, as its process variables. A task awaiting its
   * owner gets what the coordinator's 分解交办 step offers instead of lead unit and deadline.
   */
  public VariableMap variables(PlanFacts plan, PlanFacts.KeyTask task) {
    VariableMap variables = Variables.createVariables()
        .putValue(OWNER_KNOWN, !task.awaitingOwner())
        .putValue(RESPONSIBLE_PERSON_TEXT, task.responsiblePersonText())
        .putValue(TARGETS_TEXT, task.targetsText())
        .putValue(YEAR_OF_TASK, task.year());
    if (task.awaitingOwner()) {
      variables.putAll(ownerOptions(plan, task));
      variables.putAll(identity(plan, task));
      return variables.putValue(DEADLINE_TEXT, "待明确")
          .putValue(LEAD_UNIT_NAME, "待明确")
          .putValue(CAMPAIGN_NAME, "—");
    }
    variables.putAll(assignedVariables(plan, task));
    return variables;
  }

  /** The choices of the 分解交办 form: the plan's units and leaders, and what the plan already says. */
  private VariableMap ownerOptions(PlanFacts plan, PlanFacts.KeyTask task) {
    ArrayNode units = json.createArrayNode();
    plan.units().forEach(u -> units.addObject().put("label", u.name()).put("value", u.id()));
    ArrayNode leaders = json.createArrayNode();
    plan.leaders().forEach(l -> leaders.addObject().put("label", l.name() + (l.title() == null || l.title().isBlank() ? "" : "（" + l.title() + "）"))
        .put("value", l.id()));
    ArrayNode chosenLeaders = json.createArrayNode();
    task.leadLeaderIds().forEach(chosenLeaders::add);
    ArrayNode chosenUnits = json.createArrayNode();
    task.responsibleUnitIds().forEach(chosenUnits::add);
    return Variables.createVariables()
        .putValueTyped(OwnerAssignment.UNIT_OPTIONS, SpinValues.jsonValue(units.toString()).create())
        .putValueTyped(OwnerAssignment.LEADER_OPTIONS, SpinValues.jsonValue(leaders.toString()).create())
        .putValue(OwnerAssignment.LEAD_UNIT, task.owningUnitId())
        .putValueTyped(OwnerAssignment.LEAD_LEADERS, SpinValues.jsonValue(chosenLeaders.toString()).create())
        .putValueTyped(OwnerAssignment.RESPONSIBLE_UNITS, SpinValues.jsonValue(chosenUnits.toString()).create())
        .putValue(OwnerAssignment.DEADLINE_CHOICE, task.dueDate() == null ? null : task.dueDate().toString());
  }

  /** The variables of a key task whose owner and deadline are known: at import, or once a coordinator assigned them. */
  public VariableMap assignedVariables(PlanFacts plan, PlanFacts.KeyTask task) {
    Map<String, PlanFacts.Unit> units = new LinkedHashMap<>();
    plan.units().forEach(u -> units.put(u.id(), u));
    // Co-lead units contribute like responsible units; the reader has already removed lead units from the latter.
    LinkedHashSet<String> contributors = new LinkedHashSet<>(task.coLeadUnitIds());
    contributors.addAll(task.responsibleUnitIds());
    List<String> involved = new ArrayList<>(task.leadUnitIds());
    involved.addAll(task.responsibleUnitIds());

    ObjectNode unitNames = json.createObjectNode();
    ObjectNode unitAliases = json.createObjectNode();
    for (String id : involved) {
      unitNames.put(id, units.get(id).name());
      units.get(id).aliases().forEach(alias -> unitAliases.put(alias, id));
    }
    // The campaign whose window holds the deadline: coordinators see it in Cockpit, the campaign's review lists the task.
    Optional<Plan.Campaign> campaign = plan.campaigns().stream()
        .filter(c -> !task.dueDate().isBefore(c.start()) && !task.dueDate().isAfter(c.end()))
        .findFirst();
    Date deadline = Date.from(task.dueDate().atTime(END_OF_DAY).atZone(plan.zone()).toInstant());

    return identity(plan, task)
        .putValue(LEAD_LEADER_IDS, joinIds(task.leadLeaderIds()))
        .putValue(LEAD_UNIT_ID, task.owningUnitId())
        .putValue(LEAD_UNIT_NAME, units.get(task.owningUnitId()).name())
        .putValue(CO_LEAD_UNIT_IDS, joinIds(task.coLeadUnitIds()))
        .putValue(CO_LEAD_UNIT_NAMES, names(task.coLeadUnitIds().stream().map(id -> units.get(id).name()).toList()))
        .putValue(RESPONSIBLE_UNIT_IDS, joinIds(task.responsibleUnitIds()))
        .putValue(RESPONSIBLE_UNIT_NAMES, names(task.responsibleUnitIds().stream().map(id -> units.get(id).name()).toList()))
        .putValue(CONTRIBUTOR_UNIT_IDS, joinIds(List.copyOf(contributors)))
        .putValueTyped(UNIT_NAMES, SpinValues.jsonValue(unitNames.toString()).create())
        .putValueTyped(UNIT_ALIASES, SpinValues.jsonValue(unitAliases.toString()).create())
        .putValue(DEADLINE, deadline)
        .putValue(DEADLINE_DATE, task.dueDate().toString())
        .putValue(DEADLINE_TEXT, task.deadlineText())
        .putValue(CAMPAIGN_ID, campaign.map(Plan.Campaign::id).orElse(""))
        .putValue(CAMPAIGN_NAME, campaign.map(Plan.Campaign::name).orElse("—"))
        .putValue(KeyTaskReviews.SUMMARY_DATE, task.summaryDate() == null ? null : task.summaryDate().toString())
        .putValue(KeyTaskReviews.PROGRESS_REPORT_DATES,
            joinIds(plan.progressReportDates().stream().map(LocalDate::toString).toList()));
  }

  /** What names the key task, whether or not its owner is known: plan, number, title, text, lead leaders. */
  private static VariableMap identity(PlanFacts plan, PlanFacts.KeyTask task) {
    return Variables.createVariables()
        .putValue(PLAN_ID, plan.planId())
        .putValue(PLAN_TITLE, plan.title())
        .putValue(PLAN_TIMEZONE, plan.timezone())
        .putValue(TASK_NO, task.no())
        .putValue(TASK_TITLE, task.title())
        .putValue(TASK_LABEL, task.label())
        .putValue(TASK_DESCRIPTION, task.description())
        .putValue(LEAD_LEADER_NAMES, names(task.leadLeaderIds().stream().map(plan::leaderName).toList()));
  }

  private static String names(List<String> names) {
    return String.join("、", names);
  }
}
