package org.campaigndesk.ledger;

import org.campaigndesk.kernel.InChunks;
import org.campaigndesk.kernel.JsonLists;
import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.campaigndesk.kernel.Clocks;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.plan.PlanRepository;
import org.springframework.stereotype.Service;

/**
 * The ledger's other tabs: rectifications (问题整改, one per problem of an inspection's list),
 * listed-supervision targets (挂牌督战) and campaign items (阶段行动, one per unit and main content). Same colours and visibility as the key tasks, same bulk
 * reading: instances, their variables and their open tasks, a query each (per 500 instances).
 */
@Service
public class LedgerItems {

  public enum Kind {
    RECTIFICATIONS("rectification"), TARGETS("supervision-target"), CAMPAIGN_ITEMS("campaign");

    final String processKey;

    Kind(String processKey) {
      this.processKey = processKey;
    }

    public static Kind parse(String text) {
      return switch (text) {
        case "rectifications" -> RECTIFICATIONS;
        case "targets" -> TARGETS;
        case "campaign-items" -> CAMPAIGN_ITEMS;
        default -> throw new IllegalArgumentException("unknown tab '" + text + "' (rectifications, targets, campaign-items)");
      };
    }
  }

  /**
   * One rectification or supervision target. {@code title}: the problem, or the target's name;
   * {@code context}: the key task a problem concerns and the inspection month, or the target's kind and phase.
   */
  public record ItemRow(String instanceId, String county, String planId, String title, String context, String unit,
      String unitId, String leaders, String deadline, String currentStep, LedgerColour colour, boolean closed,
      String closedDate) {}

  static final String[] VARIABLES = {PLAN_ID, PLAN_TIMEZONE, "problem", "keyTaskLabel", "inspectionMonthLabel", "targetName",
      "targetKind", "currentPhase", LEAD_UNIT_ID, LEAD_UNIT_NAME, LEAD_LEADER_IDS, LEAD_LEADER_NAMES, DEADLINE, DEADLINE_TEXT};

  private final HistoryService historyService;
  private final TaskService taskService;
  private final PlanRepository plans;

  public LedgerItems(HistoryService historyService, TaskService taskService, PlanRepository plans) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.plans = plans;
  }

  /**
   * One row per unit and main content of a campaign (阶段行动主要内容): its task, done or open, in
   * three queries: the item tasks, their campaigns' variables, the tasks' own variables.
   */
  List<ItemRow> campaignItems(Viewer viewer, String plan, String colour) {
    Date now = Clocks.now();
    HistoricTaskInstanceQuery query = historyService.createHistoricTaskInstanceQuery().processDefinitionKey(Kind.CAMPAIGN_ITEMS.processKey)
        .taskDefinitionKey("Task_CampaignItem");
    if (viewer.kind() != Viewer.Kind.PROVINCE && viewer.tenantsExist() && !viewer.tenantIds().isEmpty()) {
      query.tenantIdIn(viewer.tenantIds().toArray(String[]::new));
    }
    List<HistoricTaskInstance> tasks = query.list().stream().filter(t -> viewer.seesCounty(t.getTenantId())).toList();
    String[] campaignIds = tasks.stream().map(HistoricTaskInstance::getProcessInstanceId).distinct().toArray(String[]::new);
    Map<String, Map<String, Object>> campaignVars = new HashMap<>();
    InChunks.forEach(campaignIds, chunk -> historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk)
        .variableNameIn(PLAN_ID, PLAN_TIMEZONE, CAMPAIGN_NAME).list().stream().filter(v -> v.getTaskId() == null)
        .forEach(v -> campaignVars.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).putIfAbsent(v.getName(), v.getValue())));
    Map<String, Map<String, Object>> taskVars = new HashMap<>();
    InChunks.forEach(tasks.stream().map(HistoricTaskInstance::getId).toArray(String[]::new), chunk ->
        historyService.createHistoricVariableInstanceQuery().taskIdIn(chunk)
            .variableNameIn("itemTitle", "unitName", "itemReport", "itemCompletedOn").list()
            .forEach(v -> taskVars.computeIfAbsent(v.getTaskId(), k -> new HashMap<>()).put(v.getName(), v.getValue())));
    Map<String, Map<String, String>> unitIdsByName = new HashMap<>();
    List<ItemRow> rows = new ArrayList<>();
    for (HistoricTaskInstance t : tasks) {
      Map<String, Object> c = campaignVars.getOrDefault(t.getProcessInstanceId(), Map.of());
      Map<String, Object> v = taskVars.getOrDefault(t.getId(), Map.of());
      String planId = (String) c.get(PLAN_ID);
      if (planId == null || (plan != null && !plan.isBlank() && !plan.equals(planId))) {
        continue;
      }
      String unitName = (String) v.get("unitName");
      String unitId = unitIdsByName.computeIfAbsent(planId, id -> {
        Map<String, String> byName = new HashMap<>();
        plans.load(id).units().forEach(u -> byName.put(u.name(), u.id()));
        return byName;
      }).get(unitName);
      if (!viewer.seesRow(t.getTenantId(), unitId == null ? List.of() : List.of(unitId), List.of())) {
        continue;
      }
      ZoneId zone = c.get(PLAN_TIMEZONE) == null ? org.campaigndesk.kernel.Zones.DEFAULT : ZoneId.of(c.get(PLAN_TIMEZONE).toString());
      boolean done = "completed".equals(t.getDeleteReason());
      boolean ended = t.getEndTime() != null;
      // An item left undone when its campaign closed stays red: it was not done in time.
      LedgerColour col = done ? LedgerColour.GREY
          : ended ? LedgerColour.RED
          : LedgerColour.of(false, t.getDueDate() == null ? null : t.getDueDate().toInstant(), now.toInstant(), false);
      if (colour != null && !colour.isBlank() && LedgerColour.parse(colour) != col) {
        continue;
      }
      Object report = v.get("itemReport");
      String step = done ? "已落实：" + report : ended ? "未完成，阶段行动已结束" : "落实中";
      rows.add(new ItemRow(t.getId(), t.getTenantId(), planId, (String) v.get("itemTitle"), (String) c.get(CAMPAIGN_NAME),
          unitName, unitId, "", t.getDueDate() == null ? "" : LocalDate.ofInstant(t.getDueDate().toInstant(), zone) + "前", step,
          col, done, done ? LocalDate.ofInstant(t.getEndTime().toInstant(), zone).toString() : null));
    }
    rows.sort(Comparator.comparing((ItemRow r) -> r.county() == null ? "" : r.county()).thenComparing(ItemRow::planId)
        .thenComparing(r -> r.context() == null ? "" : r.context()).thenComparing(ItemRow::colour)
        .thenComparing(r -> r.title() == null ? "" : r.title()));
    return rows;
  }

  public List<ItemRow> rows(Viewer viewer, Kind kind, String plan, String colour) {
    if (kind == Kind.CAMPAIGN_ITEMS) {
      return campaignItems(viewer, plan, colour);
    }
    Date now = Clocks.now();
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(kind.processKey);
    if (viewer.kind() != Viewer.Kind.PROVINCE && viewer.tenantsExist() && !viewer.tenantIds().isEmpty()) {
      query.tenantIdIn(viewer.tenantIds().toArray(String[]::new));
    }
    List<HistoricProcessInstance> instances = query.list().stream().filter(pi -> viewer.seesCounty(pi.getTenantId())).toList();
    String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    Map<String, Map<String, Object>> vars = new HashMap<>();
    InChunks.forEach(ids, chunk -> {
      for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk)
          .variableNameIn(VARIABLES).disableCustomObjectDeserialization().list()) {
        if (v.getTaskId() == null) {
          Map<String, Object> values = vars.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
          if (v.getProcessInstanceId().equals(v.getActivityInstanceId()) || !values.containsKey(v.getName())) {
            values.put(v.getName(), v.getValue());
          }
        }
      }
    });
    Map<String, List<Task>> open = new HashMap<>();
    InChunks.forEach(ids, chunk -> taskService.createTaskQuery().processInstanceIdIn(chunk).list()
        .forEach(t -> open.computeIfAbsent(t.getProcessInstanceId(), k -> new ArrayList<>()).add(t)));

    List<ItemRow> rows = new ArrayList<>();
    for (HistoricProcessInstance pi : instances) {
      Map<String, Object> v = vars.getOrDefault(pi.getId(), Map.of());
      String unitId = (String) v.get(LEAD_UNIT_ID);
      if (!viewer.seesRow(pi.getTenantId(), unitId == null ? List.of() : List.of(unitId),
          JsonLists.read(v.get(LEAD_LEADER_IDS)))) {
        continue;
      }
      if (plan != null && !plan.isBlank() && !plan.equals(v.get(PLAN_ID))) {
        continue;
      }
      ZoneId zone = v.get(PLAN_TIMEZONE) == null ? org.campaigndesk.kernel.Zones.DEFAULT : ZoneId.of(v.get(PLAN_TIMEZONE).toString());
      List<Task> tasks = open.getOrDefault(pi.getId(), List.of());
      // A rectification has its deadline; a target is judged by the earliest due date of its open monthly work.
      Date due = kind == Kind.RECTIFICATIONS ? (Date) v.get(DEADLINE)
          : tasks.stream().map(Task::getDueDate).filter(d -> d != null).min(Comparator.naturalOrder()).orElse(null);
      boolean closed = pi.getEndTime() != null;
      LedgerColour c = LedgerColour.of(closed, due == null ? null : due.toInstant(), now.toInstant(), false);
      if (colour != null && !colour.isBlank() && LedgerColour.parse(colour) != c) {
        continue;
      }
      String steps = String.join("；", tasks.stream().map(t -> t.getName().contains(" · ")
          ? t.getName().substring(t.getName().indexOf(" · ") + 3) : t.getName()).toList());
      String deadline = kind == Kind.RECTIFICATIONS ? (String) v.get(DEADLINE_TEXT)
          : (String) v.get(DEADLINE_TEXT) + (due == null ? "" : "（本月" + LocalDate.ofInstant(due.toInstant(), zone) + "前）");
      rows.add(new ItemRow(pi.getId(), pi.getTenantId(), (String) v.get(PLAN_ID),
          kind == Kind.RECTIFICATIONS ? (String) v.get("problem") : (String) v.get("targetName"),
          kind == Kind.RECTIFICATIONS ? v.get("inspectionMonthLabel") + "督查 · 涉及" + v.get("keyTaskLabel")
              : v.get("targetKind") + " · " + v.get("currentPhase"),
          (String) v.get(LEAD_UNIT_NAME), unitId, (String) v.get(LEAD_LEADER_NAMES), deadline, steps, c, closed,
          closed ? LocalDate.ofInstant(pi.getEndTime().toInstant(), zone).toString() : null));
    }
    rows.sort(Comparator.comparing((ItemRow r) -> r.county() == null ? "" : r.county())
        .thenComparing(r -> r.planId() == null ? "" : r.planId()).thenComparing(ItemRow::colour)
        .thenComparing(r -> r.title() == null ? "" : r.title()));
    return rows;
  }
}
