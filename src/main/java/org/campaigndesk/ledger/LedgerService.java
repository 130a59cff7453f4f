package org.campaigndesk.ledger;

import org.campaigndesk.kernel.InChunks;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.task.KeyTaskRecord;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.campaigndesk.kernel.Clocks;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.scoring.Quarter;
import org.campaigndesk.scoring.ScoreRepository;
import org.campaigndesk.supervision.RectificationInputs;
import org.campaigndesk.task.ExtensionRequestCheck;
import org.campaigndesk.task.ProgressReports;
import org.springframework.stereotype.Service;

/**
 * Builds the ledger from Camunda's history in a fixed number of bulk queries, whatever the number
 * of rows: key-task instances (one query), their variables (one per 500 instances), their open
 * tasks (one per 500), submitted monthly reports (one per 500), open rectifications and their
 * variables (two), and the quarterly lists (one). Nothing is queried per row.
 */
@Service
public class LedgerService {

  /** The key task's record, and the variables its facts had before it (key tasks that ended before the record). */
  static final String[] ROW_VARIABLES = {KeyTaskRecord.VARIABLE, PLAN_ID, PLAN_TITLE, PLAN_TIMEZONE, TASK_NO, TASK_TITLE, TASK_LABEL,
      LEAD_LEADER_IDS, LEAD_LEADER_NAMES, LEAD_UNIT_ID, LEAD_UNIT_NAME, CO_LEAD_UNIT_IDS, CO_LEAD_UNIT_NAMES,
      RESPONSIBLE_UNIT_IDS, RESPONSIBLE_UNIT_NAMES, DEADLINE, DEADLINE_DATE, DEADLINE_TEXT, CAMPAIGN_NAME, CLOSED_OUT_AT,
      ExtensionRequestCheck.EXTENSION_REQUESTS, CONTRIBUTOR_UNIT_NAME, ProgressReports.REPORT_MONTH, "progressThisMonth",
      "percentComplete"};
  static final String COORDINATORS_HOLDER = "县扶贫办（协调人）";

  private final HistoryService historyService;
  private final TaskService taskService;
  private final ScoreRepository scores;

  public LedgerService(HistoryService historyService, TaskService taskService, ScoreRepository scores) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.scores = scores;
  }

  public Ledger build(Viewer viewer, LedgerFilter filter) {
    Date now = Clocks.now();
    // A county asked for is read alone from the database, not cut out of every county's rows.
    List<LedgerRow> all = rows(viewer, now, null, filter.county());
    List<LedgerRow> rows = all.stream().filter(filter::matches).sorted(filter.comparator()).toList();
    List<Ledger.CountySummary> counties = viewer.kind() == Viewer.Kind.PROVINCE ? summaries(rows) : List.of();
    return new Ledger(viewer.userId(), viewer.kind().name(), now.toInstant(), rows, counties, scoreLists(viewer, all));
  }

  /** One key task's row, if the viewer may see it (the same reading, for one instance). */
  public java.util.Optional<LedgerRow> row(Viewer viewer, String instanceId) {
    return rows(viewer, Clocks.now(), instanceId, null).stream().findFirst();
  }

  /** Every key task the viewer may see (or only the given one), unfiltered. */
  List<LedgerRow> rows(Viewer viewer, Date now, String onlyInstanceId, String onlyCounty) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY);
    if (onlyInstanceId != null) {
      query.processInstanceId(onlyInstanceId);
    }
    if (onlyCounty != null && !onlyCounty.isBlank() && !Ledger.DEFAULT_COUNTY.equals(onlyCounty)) {
      query.tenantIdIn(onlyCounty);
    }
    if (viewer.kind() != Viewer.Kind.PROVINCE && viewer.tenantsExist() && !viewer.tenantIds().isEmpty()) {
      query.tenantIdIn(viewer.tenantIds().toArray(String[]::new));
    }
    List<HistoricProcessInstance> instances = query.list().stream().filter(pi -> viewer.seesCounty(pi.getTenantId())).toList();
    if (instances.isEmpty()) {
      return List.of();
    }
    String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);

    Map<String, Map<String, Object>> processVars = new HashMap<>();
    Map<String, Map<String, Object>> taskVars = new HashMap<>();
    InChunks.forEach(ids, chunk -> {
      for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk)
          .variableNameIn(ROW_VARIABLES).disableCustomObjectDeserialization().list()) {
        if (v.getTaskId() != null) {
          taskVars.computeIfAbsent(v.getTaskId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
        } else {
          Map<String, Object> values = processVars.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>());
          if (v.getProcessInstanceId().equals(v.getActivityInstanceId()) || !values.containsKey(v.getName())) {
            values.put(v.getName(), v.getValue());
          }
        }
      }
    });

    processVars.replaceAll((id, variables) -> KeyTaskRecord.facts(variables));
    // Visibility needs the units: decide it before reading tasks, so a unit's ledger reads only its rows' tasks.
    List<HistoricProcessInstance> visible = new ArrayList<>();
    for (HistoricProcessInstance pi : instances) {
      Map<String, Object> v = processVars.getOrDefault(pi.getId(), Map.of());
      if (v.get(TASK_NO) != null && viewer.seesRow(pi.getTenantId(), unitIds(v), JsonLists.read(v.get(LEAD_LEADER_IDS)))) {
        visible.add(pi);
      }
    }
    if (visible.isEmpty()) {
      return List.of();
    }
    String[] visibleIds = visible.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    String[] businessKeys = visible.stream().map(HistoricProcessInstance::getBusinessKey).filter(k -> k != null)
        .toArray(String[]::new);

    Map<String, List<Task>> openTasks = new HashMap<>();
    InChunks.forEach(visibleIds, chunk -> taskService.createTaskQuery().processInstanceIdIn(chunk).list()
        .forEach(t -> openTasks.computeIfAbsent(t.getProcessInstanceId(), k -> new ArrayList<>()).add(t)));

    Map<String, HistoricTaskInstance> lastReports = new HashMap<>();
    InChunks.forEach(businessKeys, chunk -> historyService.createHistoricTaskInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKeyIn(chunk).taskDefinitionKey("Task_ProgressReport").finished().list().stream()
        .filter(t -> "completed".equals(t.getDeleteReason()))
        .forEach(t -> lastReports.merge(t.getProcessInstanceId(), t, (a, b) -> a.getEndTime().after(b.getEndTime()) ? a : b)));

    Map<String, List<String>> problems = openProblems(viewer);

    List<LedgerRow> rows = new ArrayList<>();
    for (HistoricProcessInstance pi : visible) {
      rows.add(row(pi, processVars.get(pi.getId()), openTasks.getOrDefault(pi.getId(), List.of()), taskVars,
          lastReports.get(pi.getId()), problems, now));
    }
    return rows;
  }

  private LedgerRow row(HistoricProcessInstance pi, Map<String, Object> v, List<Task> open, Map<String, Map<String, Object>> taskVars,
      HistoricTaskInstance lastReport, Map<String, List<String>> problems, Date now) {
    ZoneId zone = v.get(PLAN_TIMEZONE) == null ? org.campaigndesk.kernel.Zones.DEFAULT : ZoneId.of(v.get(PLAN_TIMEZONE).toString());
    boolean closed = pi.getEndTime() != null;
    Date closedAt = v.get(CLOSED_OUT_AT) instanceof Date d ? d : pi.getEndTime();
    Date deadline = (Date) v.get(DEADLINE);

    List<String> steps = new ArrayList<>();
    List<LedgerRow.MissingReport> missing = new ArrayList<>();
    boolean reportMissing = false;
    for (Task t : open) {
      String step = t.getName() != null && t.getName().contains(" · ") ? t.getName().substring(t.getName().indexOf(" · ") + 3) : t.getName();
      String holder = switch (t.getTaskDefinitionKey()) {
        case "Task_Contribution" -> String.valueOf(taskVars.getOrDefault(t.getId(), Map.of()).getOrDefault(CONTRIBUTOR_UNIT_NAME, "责任单位"));
        case "Task_Acceptance", "Task_DecideExtension" -> COORDINATORS_HOLDER;
        default -> String.valueOf(v.get(LEAD_UNIT_NAME));
      };
      steps.add(step + "（" + holder + (t.getAssignee() == null ? "" : "，经办人" + t.getAssignee()) + "）");
      if ("Task_ProgressReport".equals(t.getTaskDefinitionKey())) {
        boolean overdue = t.getDueDate() != null && t.getDueDate().before(now);
        reportMissing |= overdue;
        Object month = taskVars.getOrDefault(t.getId(), Map.of()).get(ProgressReports.REPORT_MONTH);
        missing.add(new LedgerRow.MissingReport(month == null ? "" : month.toString(),
            t.getDueDate() == null ? "" : LocalDate.ofInstant(t.getDueDate().toInstant(), zone).toString(), overdue));
      }
    }
    LedgerColour colour = LedgerColour.of(closed, deadline == null ? null : deadline.toInstant(), now.toInstant(), reportMissing);

    String lastReportMonth = null;
    String lastReportDate = null;
    String lastReportText = null;
    if (lastReport != null) {
      Map<String, Object> r = taskVars.getOrDefault(lastReport.getId(), Map.of());
      Object month = r.get(ProgressReports.REPORT_MONTH);
      Object percent = r.get("percentComplete");
      lastReportMonth = month == null ? null : ChineseDates.format(YearMonth.parse(month.toString()));
      lastReportDate = LocalDate.ofInstant(lastReport.getEndTime().toInstant(), zone).toString();
      lastReportText = r.get("progressThisMonth") + (percent == null || "".equals(percent) ? "" : "（总体完成" + percent + "%）");
    }

    Object requests = v.get(ExtensionRequestCheck.EXTENSION_REQUESTS);
    String deadlineText = (String) v.get(DEADLINE_TEXT);
    String extensions = requests == null ? "" : "申请延期" + requests + "次"
        + (deadlineText != null && deadlineText.contains("延期") ? "；" + deadlineText : "；未获批准");

    List<String> unitIds = unitIds(v);
    String planId = (String) v.get(PLAN_ID);
    return new LedgerRow(pi.getId(), pi.getTenantId(), planId, (String) v.get(PLAN_TITLE),
        Integer.parseInt(v.get(TASK_NO).toString()), (String) v.get(TASK_LABEL), (String) v.get(TASK_TITLE),
        text(v.get(LEAD_LEADER_NAMES)), JsonLists.read(v.get(LEAD_LEADER_IDS)), text(v.get(LEAD_UNIT_NAME)),
        (String) v.get(LEAD_UNIT_ID), text(v.get(CO_LEAD_UNIT_NAMES)), text(v.get(RESPONSIBLE_UNIT_NAMES)), unitIds,
        text(v.get(CAMPAIGN_NAME)), (String) v.get(DEADLINE_DATE), deadlineText, String.join("；", steps),
        lastReportMonth, lastReportDate, lastReportText,
        problems.getOrDefault(planId + "|" + v.get(TASK_NO), List.of()), extensions, colour, colour.label(), closed,
        closed && closedAt != null ? LocalDate.ofInstant(closedAt.toInstant(), zone).toString() : null, reportMissing, missing);
  }

  /** Open rectifications (整改) by plan and key task number: "problem（unit，整改期限 date）". */
  private Map<String, List<String>> openProblems(Viewer viewer) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("rectification")
        .unfinished();
    if (viewer.kind() != Viewer.Kind.PROVINCE && viewer.tenantsExist() && !viewer.tenantIds().isEmpty()) {
      query.tenantIdIn(viewer.tenantIds().toArray(String[]::new));
    }
    String[] ids = query.list().stream().filter(pi -> viewer.seesCounty(pi.getTenantId())).map(HistoricProcessInstance::getId)
        .toArray(String[]::new);
    Map<String, Map<String, Object>> vars = new HashMap<>();
    InChunks.forEach(ids, chunk -> historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk)
        .variableNameIn(PLAN_ID, RectificationInputs.KEY_TASK_NO, "problem", LEAD_UNIT_NAME, DEADLINE_TEXT).list().stream()
        .filter(v -> v.getTaskId() == null)
        .forEach(v -> vars.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).putIfAbsent(v.getName(), v.getValue())));
    Map<String, List<String>> out = new HashMap<>();
    for (Map<String, Object> v : vars.values()) {
      out.computeIfAbsent(v.get(PLAN_ID) + "|" + v.get(RectificationInputs.KEY_TASK_NO), k -> new ArrayList<>())
          .add(v.get("problem") + "（" + v.get(LEAD_UNIT_NAME) + "，整改期限：" + v.get(DEADLINE_TEXT) + "）");
    }
    return out;
  }

  private List<Ledger.ScoreLists> scoreLists(Viewer viewer, List<LedgerRow> rows) {
    Map<String, Ledger.ScoreLists> latest = new LinkedHashMap<>();
    List<String> planIds = rows.stream().map(LedgerRow::planId).distinct().toList();
    for (ScoreRepository.ScoredQuarter q : scores.scoredQuarters(null)) {
      if (planIds.contains(q.planId()) && viewer.seesCounty(q.tenantId())) {
        latest.putIfAbsent(q.planId(), new Ledger.ScoreLists(q.planId(), q.quarter(), Quarter.parse(q.quarter()).label(),
            q.redList(), q.blackList()));
      }
    }
    return List.copyOf(latest.values());
  }

  static List<Ledger.CountySummary> summaries(List<LedgerRow> rows) {
    Map<String, Map<LedgerColour, Integer>> counts = new LinkedHashMap<>();
    for (LedgerRow r : rows) {
      Map<LedgerColour, Integer> c = counts.computeIfAbsent(r.county() == null ? Ledger.DEFAULT_COUNTY : r.county(), k -> {
        Map<LedgerColour, Integer> m = new EnumMap<>(LedgerColour.class);
        Arrays.stream(LedgerColour.values()).forEach(col -> m.put(col, 0));
        return m;
      });
      c.merge(r.colour(), 1, Integer::sum);
    }
    return counts.entrySet().stream().map(e -> new Ledger.CountySummary(e.getKey(),
        e.getValue().values().stream().mapToInt(Integer::intValue).sum(), e.getValue())).toList();
  }

  private static List<String> unitIds(Map<String, Object> v) {
    List<String> ids = new ArrayList<>();
    if (v.get(LEAD_UNIT_ID) != null) {
      ids.add(v.get(LEAD_UNIT_ID).toString());
    }
    ids.addAll(JsonLists.read(v.get(CO_LEAD_UNIT_IDS)));
    ids.addAll(JsonLists.read(v.get(RESPONSIBLE_UNIT_IDS)));
    return ids;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** The instant a ledger is built for; for tests and the export's title. */
  public static Instant now() {
    return Clocks.now().toInstant();
  }
}
