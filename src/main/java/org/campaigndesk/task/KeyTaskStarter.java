package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.campaigndesk.kernel.Json;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.plan.ChineseDates;
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

  /**
   * Everything the key task's steps show and use: its record and the record's index. A task awaiting
   * its owner gets what the coordinator's 分解交办 step offers instead of lead unit and deadline.
   */
  public VariableMap variables(PlanFacts plan, PlanFacts.KeyTask task) {
    if (task.awaitingOwner()) {
      VariableMap variables = ownerOptions(plan, task);
      variables.putAll(record(plan, task).variables());
      return variables;
    }
    return record(plan, task).variables();
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

  /**
   * The key task's record: at import, or once a coordinator assigned its owner. While the plan leaves
   * the owner open, it names the task (plan, number, text, the leaders the plan gives) and no lead
   * unit or deadline.
   */
  public KeyTaskRecord record(PlanFacts plan, PlanFacts.KeyTask task) {
    Map<String, String> unitNames = new LinkedHashMap<>();
    plan.units().forEach(u -> unitNames.put(u.id(), u.name()));
    Map<String, String> leaderNames = new LinkedHashMap<>();
    task.leadLeaderIds().forEach(id -> leaderNames.put(id, plan.leaderName(id)));
    List<KeyTaskRecord.Ref> leaders = KeyTaskRecord.refs(task.leadLeaderIds(), leaderNames);
    if (task.awaitingOwner()) {
      return new KeyTaskRecord(plan.planId(), plan.title(), plan.timezone(), task.no(), task.title(), task.label(),
          task.description(), task.year(), false, leaders, null, List.of(), List.of(), Map.of(), null, null, null, null,
          task.responsiblePersonText(), task.targetsText(), null, List.of(), false);
    }
    Map<String, String> unitAliases = new LinkedHashMap<>();
    List<String> involved = new ArrayList<>(task.leadUnitIds());
    involved.addAll(task.responsibleUnitIds());
    for (String id : involved) {
      plan.unit(id).orElseThrow().aliases().forEach(alias -> unitAliases.put(alias, id));
    }
    // The campaign whose window holds the deadline: coordinators see it in Cockpit, the campaign's review lists the task.
    Optional<Plan.Campaign> campaign = plan.campaigns().stream()
        .filter(c -> !task.dueDate().isBefore(c.start()) && !task.dueDate().isAfter(c.end()))
        .findFirst();
    return new KeyTaskRecord(plan.planId(), plan.title(), plan.timezone(), task.no(), task.title(), task.label(),
        task.description(), task.year(), true, leaders, new KeyTaskRecord.Ref(task.owningUnitId(), unitNames.get(task.owningUnitId())),
        KeyTaskRecord.refs(task.coLeadUnitIds(), unitNames), KeyTaskRecord.refs(task.responsibleUnitIds(), unitNames),
        unitAliases, task.dueDate(), wording(task.dueDate(), task.deadlineText()), null,
        campaign.map(c -> new KeyTaskRecord.Ref(c.id(), c.name())).orElse(null),
        task.responsiblePersonText(), task.targetsText(), task.summaryDate(), plan.progressReportDates(), false);
  }

  /**
   * The plan's own wording of a deadline, without the date the text adds ("全年推进" of
   * "全年推进（2020年12月31日前）"); null when the text is the date alone. Text of another shape is
   * kept whole as the wording, so nothing the plan says is lost.
   */
  static String wording(LocalDate dueDate, String deadlineText) {
    if (deadlineText == null) {
      return null;
    }
    String date = ChineseDates.format(dueDate) + "前";
    if (deadlineText.equals(date)) {
      return null;
    }
    String suffix = "（" + date + "）";
    return deadlineText.endsWith(suffix) ? deadlineText.substring(0, deadlineText.length() - suffix.length()) : deadlineText;
  }
}
