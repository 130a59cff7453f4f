package org.campaigndesk.dispatch;

import org.campaigndesk.kernel.InChunks;
import org.campaigndesk.kernel.JsonLists;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.kernel.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.PerCommand;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.supervision.RectificationInputs;
import org.campaigndesk.task.DueDates;
import org.campaigndesk.task.JsonVariables;
import org.campaigndesk.task.KeyTaskRecord;
import org.campaigndesk.task.KeyTaskStarter;
import org.campaigndesk.task.ProgressReports;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.task.TaskVariables;
import org.springframework.stereotype.Component;

/**
 * The monthly dispatch (月初调度): when it happens, each lead leader's agenda (his key tasks with
 * last month's report, status and open problems, red first), and the instructions he gives, one
 * table row per instruction, which reach the lead units.
 */
@Component("dispatch")
public class Dispatch {

  public static final String PROCESS_KEY = "monthly-dispatch";
  public static final String LEADER_ID = "leaderId";
  public static final String INSTRUCTIONS_TEXT = "instructionsText";
  public static final String INSTRUCTIONS = "instructions";
  /** One instruction of a meeting (the follow-up loop's element), typed JSON: {@link InstructionList.Instruction#json}. */
  public static final String INSTRUCTION = "instruction";
  /** Set on an instruction from before this version whose line the key task recorded itself (dispatchInstructions). */
  public static final String ON_KEY_TASK = "onKeyTask";
  /** The meeting form's table of instructions, and the leader's key tasks it offers (number → label). */
  public static final String INSTRUCTION_ROWS = "instructionRows";
  public static final String LEADER_KEY_TASKS = "leaderKeyTasks";
  /** Days a follow-up has when its instruction sets no date. */
  static final int FOLLOW_UP_DAYS = 10;

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final int dispatchDay;
  private final ObjectMapper json = Json.MAPPER;

  public Dispatch(RuntimeService runtimeService, HistoryService historyService,
      CampaignDeskProperties properties) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.dispatchDay = properties.dispatchDay();
  }

  /** On the dispatch day of every month from next month on, 09:00 in the plan's time zone. */
  public String cycle(VariableScope scope) {
    return DueDates.monthlyCycle(scope, dispatchDay, 9);
  }

  /** Start of a dispatch: the month arranged now, the month reviewed (the previous one), the meetings' due date. */
  public void open(DelegateExecution execution) {
    ZoneId zone = DueDates.zone(execution);
    LocalDate today = DueDates.today(zone);
    execution.setVariable("dispatchMonthLabel", ChineseDates.format(YearMonth.from(today)));
    execution.setVariable("reviewedMonth", YearMonth.from(today).minusMonths(1).toString());
    execution.setVariable("reviewedMonthLabel", ChineseDates.format(YearMonth.from(today).minusMonths(1)));
    execution.setVariable("dispatchDue", DueDates.endOfDay(today.plusDays(7), zone));
  }

  /** The plan's lead leaders who lead at least one key task. */
  public List<String> leaders(VariableScope scope) {
    PlanFacts plan = plan(scope);
    Map<Integer, List<String>> leading = leadLeaders(plan);
    return plan.leaders().stream().map(PlanFacts.Leader::id)
        .filter(id -> leading.values().stream().anyMatch(ids -> ids.contains(id)))
        .toList();
  }

  /**
   * Each key task's lead leaders as its instance has them: the plan's, or those a coordinator
   * chose when the plan left them open (分解交办).
   */
  Map<Integer, List<String>> leadLeaders(PlanFacts plan) {
    Map<Integer, List<String>> leaders = new java.util.HashMap<>();
    for (PlanFacts.KeyTask task : plan.keyTasks()) {
      List<String> ids = task.leadLeaderIds();
      if (task.awaitingOwner()) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
            .processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
            .processInstanceBusinessKey(KeyTaskStarter.businessKey(plan.planId(), task.no())).singleResult();
        Object assigned = instance == null ? null : keyTaskFact(instance.getId(), KeyTaskVariables.LEAD_LEADER_IDS);
        if (assigned != null) {
          ids = JsonLists.read(assigned);
        }
      }
      leaders.put(task.no(), ids);
    }
    return leaders;
  }

  /** Create listener of a leader's dispatch meeting: the agenda built for him. */
  public void setUpMeeting(DelegateTask task) {
    PlanFacts plan = plan(task);
    String leader = (String) task.getVariable(LEADER_ID);
    String leaderName = plan.leaderName(leader);
    task.setVariableLocal("leaderName", leaderName);
    // The meeting's scope keeps the name too: its instructions' mails and follow-ups name the leader.
    task.getExecution().setVariableLocal("leaderName", leaderName);
    task.setVariableLocal("agendaText", Agenda.render(agenda(plan, leader, (String) task.getVariable("reviewedMonth"))));
    task.setVariableLocal(INSTRUCTIONS_TEXT, "");
    // The form's table: the key tasks it offers, and the task-local place its rows are submitted to
    // (parallel meetings must not share one).
    ObjectNode keyTasks = json.createObjectNode();
    leadKeyTasks(plan, leader).forEach(t -> keyTasks.put(String.valueOf(t.no()), t.label()));
    task.setVariableLocal(LEADER_KEY_TASKS, SpinValues.jsonValue(keyTasks.toString()).create());
    task.setVariableLocal(INSTRUCTION_ROWS, SpinValues.jsonValue("[]").create());
    task.setName("【" + task.getVariable("dispatchMonthLabel") + "】调度会 · " + leaderName);
  }

  List<AgendaItem> agenda(PlanFacts plan, String leader, String reviewedMonth) {
    List<AgendaItem> items = new ArrayList<>();
    Date now = Clocks.now();
    AgendaReads reads = agendaReads(plan, reviewedMonth);
    for (PlanFacts.KeyTask task : plan.keyTasks()) {
      if (!reads.leading().get(task.no()).contains(leader)) {
        continue;
      }
      HistoricProcessInstance instance = reads.instances().get(task.no());
      if (instance == null) {
        continue;
      }
      String label = task.label();
      Map<String, Object> facts = reads.facts().getOrDefault(instance.getId(), Map.of());
      Date deadline = (Date) facts.get(KeyTaskVariables.DEADLINE);
      if (deadline == null) {
        continue; // still awaiting its owner (分解交办): nothing to review yet
      }
      String deadlineText = String.valueOf(facts.get(KeyTaskVariables.DEADLINE_TEXT));
      AgendaItem.Status status = Agenda.status(instance.getEndTime() != null, deadline.toInstant(), now.toInstant());
      String lastReport = reads.lastReports().getOrDefault(instance.getId(),
          "⚠ 未报送" + ChineseDates.format(YearMonth.parse(reviewedMonth)) + "进展报告");
      items.add(new AgendaItem(task.no(), label, deadlineText, status, lastReport, reads.problems().getOrDefault(task.no(), List.of())));
    }
    return items;
  }

  /**
   * What the agendas of a plan's dispatch read of its key tasks: each one's instance and facts (by
   * number), its report of the reviewed month as the agenda quotes it (by instance), its open
   * problems (by number), and who leads it.
   */
  record AgendaReads(Map<Integer, HistoricProcessInstance> instances, Map<String, Map<String, Object>> facts,
      Map<Integer, List<String>> leading, Map<String, String> lastReports, Map<Integer, List<String>> problems) {}

  /**
   * The reads of one dispatch's agendas, made once per transaction: the dispatch's job creates every
   * leader's meeting, and each agenda looked up the same key tasks again (with their records, reports
   * and problems, some ten queries per key task and leader: the longest job of a month start). Each
   * kind is read for the whole plan in one query (per 500 key tasks).
   */
  AgendaReads agendaReads(PlanFacts plan, String reviewedMonth) {
    return agendaReads.get(plan.planId() + "|" + reviewedMonth, k -> readAgendas(plan, reviewedMonth));
  }

  private final PerCommand<String, AgendaReads> agendaReads = new PerCommand<>();

  private AgendaReads readAgendas(PlanFacts plan, String reviewedMonth) {
    Map<String, Integer> numbers = new java.util.LinkedHashMap<>();
    plan.keyTasks().forEach(t -> numbers.put(KeyTaskStarter.businessKey(plan.planId(), t.no()), t.no()));
    Map<Integer, HistoricProcessInstance> instances = new java.util.HashMap<>();
    InChunks.forEach(List.copyOf(numbers.keySet()), keys -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY).processInstanceBusinessKeyIn(keys).list()
        .forEach(i -> {
          if (instances.put(numbers.get(i.getBusinessKey()), i) != null) {
            throw new ProcessEngineException("two key tasks with business key " + i.getBusinessKey());
          }
        }));
    List<String> ids = instances.values().stream().map(HistoricProcessInstance::getId).toList();
    Map<String, Map<String, Object>> facts = KeyTaskRecord.historicFacts(historyService, ids);
    Map<Integer, List<String>> leading = new java.util.HashMap<>();
    for (PlanFacts.KeyTask task : plan.keyTasks()) {
      List<String> leaders = task.leadLeaderIds();
      HistoricProcessInstance instance = instances.get(task.no());
      Object assigned = !task.awaitingOwner() || instance == null ? null
          : facts.getOrDefault(instance.getId(), Map.of()).get(KeyTaskVariables.LEAD_LEADER_IDS);
      leading.put(task.no(), assigned != null ? JsonLists.read(assigned) : leaders);
    }
    Map<String, String> businessKeys = new java.util.LinkedHashMap<>();
    instances.values().forEach(i -> businessKeys.put(i.getId(), i.getBusinessKey()));
    return new AgendaReads(instances, facts, leading, lastReports(businessKeys, reviewedMonth), openProblems(plan.planId()));
  }

  /**
   * The report of the reviewed month of each key task that submitted one (a finished 月度进展报告 whose
   * month is it; the first by task id): its progress and, if given, its percentage.
   */
  private Map<String, String> lastReports(Map<String, String> businessKeys, String reviewedMonth) {
    List<String> keyTaskInstanceIds = List.copyOf(businessKeys.keySet());
    Map<String, String> reportOf = new java.util.TreeMap<>(); // report task id -> key task instance, by task id
    InChunks.forEach(keyTaskInstanceIds, chunk -> historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk)
        .variableValueEquals(ProgressReports.REPORT_MONTH, reviewedMonth).list().stream().filter(v -> v.getTaskId() != null)
        .forEach(v -> reportOf.put(v.getTaskId(), v.getProcessInstanceId())));
    if (reportOf.isEmpty()) {
      return Map.of();
    }
    java.util.Set<String> finished = new java.util.HashSet<>();
    List<String> reportIds = List.copyOf(reportOf.keySet());
    InChunks.forEach(List.copyOf(new java.util.LinkedHashSet<>(reportOf.values()).stream().map(businessKeys::get).toList()),
        keys -> historyService.createHistoricTaskInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
            .processInstanceBusinessKeyIn(keys).taskDefinitionKey("Task_ProgressReport").finished().list()
            .forEach(t -> finished.add(t.getId())));
    Map<String, Map<String, Object>> values = new java.util.HashMap<>();
    InChunks.forEach(reportIds, chunk -> historyService.createHistoricVariableInstanceQuery().taskIdIn(chunk)
        .variableNameIn("progressThisMonth", "percentComplete").list()
        .forEach(v -> values.computeIfAbsent(v.getTaskId(), k -> new java.util.HashMap<>()).put(v.getName(), v.getValue())));
    Map<String, String> reports = new java.util.HashMap<>();
    reportOf.forEach((taskId, instance) -> {
      if (finished.contains(taskId) && !reports.containsKey(instance)) {
        Map<String, Object> v = values.getOrDefault(taskId, Map.of());
        Object percent = v.get("percentComplete");
        reports.put(instance, v.get("progressThisMonth") + (percent == null ? "" : "（总体完成" + percent + "%）"));
      }
    });
    return reports;
  }

  /** The problems of the plan's open rectifications, by the key task they concern (in the order the instances were started). */
  private Map<Integer, List<String>> openProblems(String planId) {
    List<String> rectifications = runtimeService.createProcessInstanceQuery().processDefinitionKey("rectification")
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId).list().stream()
        .map(org.camunda.bpm.engine.runtime.ProcessInstance::getId).toList();
    Map<String, Map<String, Object>> values = new java.util.HashMap<>();
    InChunks.forEach(rectifications, chunk -> runtimeService.createVariableInstanceQuery().processInstanceIdIn(chunk)
        .variableNameIn(RectificationInputs.KEY_TASK_NO, "problem").list().stream()
        .filter(v -> v.getProcessInstanceId().equals(v.getExecutionId()))
        .forEach(v -> values.computeIfAbsent(v.getProcessInstanceId(), k -> new java.util.HashMap<>()).put(v.getName(), v.getValue())));
    Map<Integer, List<String>> problems = new java.util.HashMap<>();
    for (String id : rectifications) {
      Map<String, Object> v = values.getOrDefault(id, Map.of());
      if (v.get(RectificationInputs.KEY_TASK_NO) instanceof Integer no) {
        problems.computeIfAbsent(no, k -> new ArrayList<>()).add(String.valueOf(v.get("problem")));
      }
    }
    return problems;
  }

  /**
   * Complete listener of a meeting: each instruction must name one of the leader's key tasks. The
   * form's table (instructionRows) is read, or the older form's text (instructionsText) for
   * meetings whose task still shows that form.
   */
  public void recordInstructions(DelegateTask task) {
    PlanFacts plan = plan(task);
    String leader = (String) task.getVariable(LEADER_ID);
    Object text = TaskVariables.submitted(task, INSTRUCTIONS_TEXT);
    Set<Integer> leading = leadKeyTasks(plan, leader).stream().map(PlanFacts.KeyTask::no).collect(Collectors.toSet());
    InstructionList.Result result = text != null && !text.toString().isBlank()
        ? InstructionList.read(text.toString(), leading)
        : InstructionList.readRows(JsonVariables.text(submittedRows(task)), leading, DueDates.today(DueDates.zone(task)));
    if (!result.errors().isEmpty()) {
      throw new ProcessEngineException("调度意见未通过检查：" + String.join("；", result.errors()));
    }
    task.setVariableLocal(INSTRUCTIONS_TEXT, text == null ? "" : text.toString());
    task.getExecution().setVariableLocal(INSTRUCTIONS, SpinValues.jsonValue(
        result.json((String) task.getVariable(InstructionList.LEADER_NAME), (String) task.getVariable("dispatchMonthLabel"))).create());
  }

  /**
   * The table the form filled in on the task. A completion through the API puts it on the instance
   * instead: it is moved onto the task, so that the next leader's meeting does not read it too.
   */
  private static Object submittedRows(DelegateTask task) {
    String local = JsonVariables.text(task.getVariableLocal(INSTRUCTION_ROWS));
    if (local != null && !local.isBlank() && !"[]".equals(local.replaceAll("\\s", ""))) {
      return local;
    }
    Object onInstance = task.getExecution().getVariable(INSTRUCTION_ROWS);
    if (onInstance != null) {
      task.getExecution().removeVariable(INSTRUCTION_ROWS);
      task.setVariableLocal(INSTRUCTION_ROWS, SpinValues.jsonValue(JsonVariables.text(onInstance)).create());
    }
    return onInstance;
  }

  /** The key tasks the leader leads: those his instructions may concern. */
  List<PlanFacts.KeyTask> leadKeyTasks(PlanFacts plan, String leader) {
    Map<Integer, List<String>> leading = leadLeaders(plan);
    return plan.keyTasks().stream().filter(t -> leading.get(t.no()).contains(leader)).toList();
  }

  /** The instructions of one meeting, each its own typed JSON value (one follow-up task each). */
  public List<SpinJsonNode> instructionsOf(VariableScope scope) {
    List<SpinJsonNode> out = new ArrayList<>();
    for (JsonNode node : read(JsonVariables.text(scope.getVariable(INSTRUCTIONS)))) {
      out.add(Spin.JSON(node.toString()));
    }
    return out;
  }

  public int taskNoOf(SpinJsonNode instruction) {
    return instruction.prop(InstructionList.TASK_NO).numberValue().intValue();
  }

  public String textOf(SpinJsonNode instruction) {
    return instruction.prop(InstructionList.TEXT).stringValue();
  }

  /** "2026年7月 张三：text", as the key task's history lists an instruction. */
  static String line(JsonNode instruction) {
    return instruction.path(InstructionList.MONTH).asText() + " " + instruction.path(InstructionList.LEADER_NAME).asText() + "："
        + instruction.path(InstructionList.TEXT).asText();
  }

  /** An instruction given on a key task: when, and as its history lists it. */
  public record Given(java.time.Instant at, String line) {}

  /**
   * The instructions the plan's dispatches gave on one key task, oldest first, read from the
   * dispatches' history (instructions from before this version that the key task recorded itself
   * are left to its own history).
   */
  public List<Given> given(String planId, int taskNo) {
    String[] dispatches = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId).list().stream().map(HistoricProcessInstance::getId)
        .toArray(String[]::new);
    if (dispatches.length == 0) {
      return List.of();
    }
    List<Given> given = new ArrayList<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(dispatches)
        .variableName(INSTRUCTION).list()) {
      JsonNode instruction = v.getValue() == null ? null : read(JsonVariables.text(v.getValue()));
      // Without a leader's name: main's instructions of dispatches that ended before the upgrade, on the key task already.
      if (instruction != null && instruction.isObject() && instruction.path(InstructionList.TASK_NO).asInt() == taskNo
          && instruction.hasNonNull(InstructionList.LEADER_NAME) && !instruction.path(ON_KEY_TASK).asBoolean(false)) {
        given.add(new Given(v.getCreateTime().toInstant(), line(instruction)));
      }
    }
    given.sort(java.util.Comparator.comparing(Given::at));
    return given;
  }

  public PlanFacts.KeyTask keyTaskOf(VariableScope scope, SpinJsonNode instruction) {
    return plan(scope).keyTask(taskNoOf(instruction)).orElseThrow();
  }

  /** The key task's lead unit now: after 分解交办 or 牵头单位调整 the instance knows it, not the plan file. */
  public String leadUnitOf(VariableScope scope, SpinJsonNode instruction) {
    PlanFacts.KeyTask keyTask = keyTaskOf(scope, instruction);
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(plan(scope).planId(), keyTask.no())).singleResult();
    Object current = instance == null ? null : keyTaskFact(instance.getId(), KeyTaskVariables.LEAD_UNIT_ID);
    return current != null ? current.toString() : keyTask.owningUnitId();
  }

  /** Create listener of a follow-up: what to do, for which key task, from whom. */
  public void setUpFollowUp(DelegateTask task) {
    SpinJsonNode instruction = (SpinJsonNode) task.getVariable(INSTRUCTION);
    PlanFacts.KeyTask keyTask = keyTaskOf(task, instruction);
    String label = keyTask.label();
    task.setVariableLocal("instructionText", textOf(instruction));
    task.setVariableLocal(KeyTaskVariables.TASK_LABEL, label);
    task.setVariableLocal("instructionFeedback", "");
    task.setName(label + " · 落实调度意见（" + task.getVariable("leaderName") + "）");
    String due = instruction.hasProp(InstructionList.DUE_DATE) ? instruction.prop(InstructionList.DUE_DATE).stringValue() : "";
    LocalDate dueDate = due.isEmpty() ? DueDates.today(DueDates.zone(task)).plusDays(FOLLOW_UP_DAYS) : LocalDate.parse(due);
    task.setDueDate(DueDates.endOfDay(dueDate, DueDates.zone(task)));
  }

  /** The plan's facts as the annual plan that runs this dispatch carries them. */
  static PlanFacts plan(VariableScope scope) {
    return PlanFacts.of(scope);
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text == null || text.isBlank() ? "[]" : text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }

  /** A fact of a key task, running or ended, from its record (or, ended before the record, its own variable). */
  private Object keyTaskFact(String processInstanceId, String name) {
    return KeyTaskRecord.historicFacts(historyService, processInstanceId).get(name);
  }
}
