package org.campaigndesk.task;

import org.campaigndesk.kernel.InChunks;
import static org.campaigndesk.kernel.KeyTaskVariables.*;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.campaigndesk.kernel.Json;
import org.camunda.spin.json.SpinJsonNode;
import org.campaigndesk.kernel.Zones;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.reminder.WatchVariables;

/**
 * The key task's facts, one typed record kept as one JSON process variable ({@link #VARIABLE}):
 * plan, number, text, leaders, units, the one deadline (a date; its text is made where shown) and
 * the report dates. This class is the only code that reads or writes the variable: {@link #of}
 * reads it, {@link #writeTo} and {@link #variables} write it.
 *
 * <p>Exception, written by the same method and derived from the record, never written elsewhere: a
 * small read-only index of process variables ({@link #INDEX}). Tasklist's columns, sorting and
 * filters (identity.TasklistFilters.COLUMN_VARIABLES, checked by security.TaskQueryVariables) can
 * only show and filter process variables, and the engine's queries and message correlations find
 * instances by variable values (the plan's key tasks by {@code planId}; a key task by its number).
 *
 * <p>Readers below the task package (the deadline watch, mail recipients) ask for a fact by its
 * old variable name through {@link org.campaigndesk.kernel.RecordedFacts}; {@link #fact} answers.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KeyTaskRecord(String planId, String planTitle, String planTimezone, int taskNo, String title, String label,
    String description, Integer year, boolean ownerKnown, List<Ref> leadLeaders, Ref leadUnit, List<Ref> coLeadUnits,
    List<Ref> responsibleUnits, Map<String, String> unitAliases, LocalDate deadline, String deadlineWording,
    LocalDate extendedFrom, Ref campaign, String responsiblePersonText, String targetsText, LocalDate summaryDate,
    List<LocalDate> progressReportDates, boolean deadlinePassed) {

  /** The process variable holding the record. */
  public static final String VARIABLE = "keyTask";

  /**
   * The index written beside the record (see the class comment): Tasklist's columns (taskLabel,
   * deadlineText, leadUnitName, campaignName, and deadlinePassed for the overdue filters) and what
   * queries and correlations look for (planId, taskNo).
   */
  public static final List<String> INDEX = List.of(PLAN_ID, TASK_NO, TASK_LABEL, DEADLINE_TEXT, LEAD_UNIT_NAME, CAMPAIGN_NAME,
      WatchVariables.DEADLINE_PASSED);

  /** Shown while the plan leaves the owner or the deadline open (分解交办). */
  static final String OPEN = "待明确";
  static final String NO_CAMPAIGN = "—";

  /** A unit, a leader or a campaign: its id and the name people read. */
  public record Ref(String id, String name) {}

  public KeyTaskRecord {
    leadLeaders = leadLeaders == null ? List.of() : List.copyOf(leadLeaders);
    coLeadUnits = coLeadUnits == null ? List.of() : List.copyOf(coLeadUnits);
    responsibleUnits = responsibleUnits == null ? List.of() : List.copyOf(responsibleUnits);
    unitAliases = unitAliases == null ? Map.of() : Map.copyOf(unitAliases);
    progressReportDates = progressReportDates == null ? List.of() : List.copyOf(progressReportDates);
  }

  // ---- read ---------------------------------------------------------------------------------

  /** Whether the scope (an execution or task of a key task, or a variable map) holds a record. */
  public static boolean present(VariableScope scope) {
    return scope.getVariable(VARIABLE) != null;
  }

  /** The record of the key task that {@code scope} belongs to. */
  public static KeyTaskRecord of(VariableScope scope) {
    Object value = scope.getVariable(VARIABLE);
    if (value == null) {
      String id = scope instanceof DelegateTask task ? task.getProcessInstanceId()
          : scope instanceof DelegateExecution execution ? execution.getProcessInstanceId() : "?";
      throw new IllegalStateException("process instance " + id + " has no " + VARIABLE + " record");
    }
    return read(value);
  }

  /** The record from its variable's value (Spin JSON or its text). */
  public static KeyTaskRecord read(Object value) {
    // One job reads the record many times (the zone, the label, the lead unit, each from the same value the
    // engine keeps for the transaction): parsed once per value on each thread. A changed record is a new value.
    Object[] last = LAST_READ.get();
    if (last[0] != value || value == null) {
      // A Spin JSON value is read from its tree, without printing and parsing its text.
      last[1] = value instanceof SpinJsonNode node ? Json.readTree(node.unwrap(), KeyTaskRecord.class)
          : Json.readVariable(JsonVariables.text(value), KeyTaskRecord.class);
      last[0] = value;
    }
    return (KeyTaskRecord) last[1];
  }

  /** The value read last on this thread and its record (see {@link #read}). */
  private static final ThreadLocal<Object[]> LAST_READ = ThreadLocal.withInitial(() -> new Object[2]);

  /**
   * A key task's facts by their variable names ({@link #fact}), from its variables as the engine
   * returns them (runtime or history): from the record when the instance has one, else the
   * variables themselves (a key task that ended before the record existed keeps its separate ones).
   */
  public static Map<String, Object> facts(Map<String, Object> variables) {
    Object value = variables.get(VARIABLE);
    if (value == null) {
      return variables;
    }
    Map<String, Object> facts = new LinkedHashMap<>(variables);
    facts.putAll(read(value).facts());
    return facts;
  }

  /** The facts of a key task, running or ended, from its variables in the history (see {@link #facts(Map)}). */
  public static Map<String, Object> historicFacts(org.camunda.bpm.engine.HistoryService history, String processInstanceId) {
    return historicFacts(history, List.of(processInstanceId)).getOrDefault(processInstanceId, new LinkedHashMap<>());
  }

  /**
   * As {@link #historicFacts(org.camunda.bpm.engine.HistoryService, String)} for several key tasks, in
   * one query per {@value InChunks#SIZE} of them; a key task with no variables in the history is left out.
   */
  public static Map<String, Map<String, Object>> historicFacts(org.camunda.bpm.engine.HistoryService history,
      java.util.Collection<String> processInstanceIds) {
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(processInstanceIds));
    Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    for (List<String> chunk : InChunks.of(ids)) {
      for (var v : history.createHistoricVariableInstanceQuery().processInstanceIdIn(chunk.toArray(String[]::new))
          .variableNameIn(FACT_NAMES.toArray(String[]::new)).list()) {
        Map<String, Object> of = variables.computeIfAbsent(v.getProcessInstanceId(), k -> new LinkedHashMap<>());
        // The instance's own value first: an inner scope may hold one of the same name.
        if (v.getProcessInstanceId().equals(v.getExecutionId()) || !of.containsKey(v.getName())) {
          of.put(v.getName(), v.getValue());
        }
      }
    }
    Map<String, Map<String, Object>> facts = new LinkedHashMap<>();
    variables.forEach((id, of) -> facts.put(id, facts(of)));
    return facts;
  }

  /** The record's variable and every name a fact had as a variable of its own (before the record, see {@link #facts()}). */
  public static final List<String> FACT_NAMES = List.of(VARIABLE, PLAN_ID, PLAN_TITLE, PLAN_TIMEZONE, TASK_NO, TASK_TITLE,
      TASK_LABEL, TASK_DESCRIPTION, YEAR_OF_TASK, OWNER_KNOWN, LEAD_LEADER_IDS, LEAD_LEADER_NAMES, LEAD_UNIT_ID, LEAD_UNIT_NAME,
      CO_LEAD_UNIT_IDS, CO_LEAD_UNIT_NAMES, RESPONSIBLE_UNIT_IDS, RESPONSIBLE_UNIT_NAMES, CONTRIBUTOR_UNIT_IDS, UNIT_NAMES,
      UNIT_ALIASES, DEADLINE, DEADLINE_DATE, DEADLINE_TEXT, CAMPAIGN_ID, CAMPAIGN_NAME, RESPONSIBLE_PERSON_TEXT, TARGETS_TEXT,
      KeyTaskReviews.SUMMARY_DATE, KeyTaskReviews.PROGRESS_REPORT_DATES, WatchVariables.DEADLINE_PASSED);

  // ---- write --------------------------------------------------------------------------------

  /**
   * The record and its index, as a key task starts with them. {@code deadlinePassed} only once it is
   * true (the overdue filters ask for true; a key task starts with nothing overdue).
   */
  public VariableMap variables() {
    VariableMap variables = Variables.createVariables()
        .putValueTyped(VARIABLE, Json.variable(this))
        .putValue(PLAN_ID, planId)
        .putValue(TASK_NO, taskNo)
        .putValue(TASK_LABEL, label)
        .putValue(DEADLINE_TEXT, deadlineText())
        .putValue(LEAD_UNIT_NAME, leadUnitName())
        .putValue(CAMPAIGN_NAME, campaign == null ? NO_CAMPAIGN : campaign.name());
    if (deadlinePassed) {
      variables.putValue(WatchVariables.DEADLINE_PASSED, true);
    }
    return variables;
  }

  /** Writes the record and its index on the key task's process instance (whatever scope is given), what changed of them. */
  public void writeTo(VariableScope scope) {
    DelegateExecution instance = (scope instanceof DelegateTask task ? task.getExecution() : (DelegateExecution) scope)
        .getProcessInstance();
    VariableMap variables = variables();
    if (!deadlinePassed && instance.hasVariableLocal(WatchVariables.DEADLINE_PASSED)) {
      variables.putValue(WatchVariables.DEADLINE_PASSED, false);
    }
    // Only what changed: the variable history and the ledger's "recorded" list the record and the
    // index values that did, not every index value again.
    for (String name : variables.keySet()) {
      Object now = instance.getVariableLocal(name);
      Object next = variables.get(name);
      boolean same = VARIABLE.equals(name) ? now != null && read(now).equals(this) : java.util.Objects.equals(now, next);
      if (!same) {
        instance.setVariableLocal(name, variables.getValueTyped(name));
      }
    }
  }

  // ---- changes (each a new record) ----------------------------------------------------------

  /** The key task led by another unit (牵头单位调整); the new lead no longer contributes ({@link #contributorUnitIds}). */
  public KeyTaskRecord withLeadUnit(Ref unit) {
    return new KeyTaskRecord(planId, planTitle, planTimezone, taskNo, title, label, description, year, ownerKnown,
        leadLeaders, unit, coLeadUnits, responsibleUnits, unitAliases, deadline,
        deadlineWording, extendedFrom, campaign, responsiblePersonText, targetsText, summaryDate, progressReportDates,
        deadlinePassed);
  }

  /** An approved extension: the new deadline, the one it replaces remembered for its text. */
  public KeyTaskRecord withExtendedDeadline(LocalDate extended) {
    return new KeyTaskRecord(planId, planTitle, planTimezone, taskNo, title, label, description, year, ownerKnown,
        leadLeaders, leadUnit, coLeadUnits, responsibleUnits, unitAliases, extended, null, deadline, campaign,
        responsiblePersonText, targetsText, summaryDate, progressReportDates, deadlinePassed);
  }

  /** Whether the deadline in force has passed with the work open (the deadline watch reports it; Tasklist's overdue filters). */
  public KeyTaskRecord withDeadlinePassed(boolean passed) {
    return new KeyTaskRecord(planId, planTitle, planTimezone, taskNo, title, label, description, year, ownerKnown,
        leadLeaders, leadUnit, coLeadUnits, responsibleUnits, unitAliases, deadline, deadlineWording, extendedFrom, campaign,
        responsiblePersonText, targetsText, summaryDate, progressReportDates, passed);
  }

  // ---- facts made from the record ------------------------------------------------------------

  @JsonIgnore
  public ZoneId zone() {
    return Zones.orDefault(planTimezone);
  }

  /** The deadline as a moment: the end of its day in the plan's zone (null while the plan leaves it open). */
  @JsonIgnore
  public Date deadlineAt() {
    return deadline == null ? null : DueDates.endOfDay(deadline, zone());
  }

  /** The deadline as people read it: the plan's wording with the date, or the extension with the one it replaced. */
  @JsonIgnore
  public String deadlineText() {
    if (deadline == null) {
      return OPEN;
    }
    String date = ChineseDates.format(deadline) + "前";
    if (extendedFrom != null) {
      return date + "（经批准延期，原" + ChineseDates.format(extendedFrom) + "前）";
    }
    return deadlineWording == null ? date : deadlineWording + "（" + date + "）";
  }

  @JsonIgnore
  public String leadUnitId() {
    return leadUnit == null ? null : leadUnit.id();
  }

  @JsonIgnore
  public String leadUnitName() {
    return leadUnit == null ? OPEN : leadUnit.name();
  }

  @JsonIgnore
  public List<String> leadLeaderIds() {
    return ids(leadLeaders);
  }

  @JsonIgnore
  public String leadLeaderNames() {
    return names(leadLeaders);
  }

  /** The units that contribute (co-lead and responsible units, the lead unit not among them), by id. */
  @JsonIgnore
  public List<String> contributorUnitIds() {
    Set<String> ids = new LinkedHashSet<>(ids(coLeadUnits));
    ids.addAll(ids(responsibleUnits));
    ids.remove(leadUnitId());
    return List.copyOf(ids);
  }

  /** Every unit the key task names (lead, co-lead, responsible): id to name. */
  @JsonIgnore
  public Map<String, String> unitNames() {
    Map<String, String> names = new LinkedHashMap<>();
    if (leadUnit != null) {
      names.put(leadUnit.id(), leadUnit.name());
    }
    coLeadUnits.forEach(u -> names.putIfAbsent(u.id(), u.name()));
    responsibleUnits.forEach(u -> names.putIfAbsent(u.id(), u.name()));
    return names;
  }

  /** The ids of every unit the key task names: lead, co-lead and responsible units. */
  @JsonIgnore
  public List<String> unitIds() {
    return List.copyOf(unitNames().keySet());
  }

  /**
   * One fact by the name its variable had before the record (the shared names of
   * {@link org.campaigndesk.kernel.KeyTaskVariables}); lists are lists, dates of the deadline a
   * moment ({@code deadline}) or ISO text ({@code deadlineDate}). Null for a name that is no fact of the record.
   */
  public Object fact(String name) {
    return facts().get(name);
  }

  /** Every fact by its variable name (see {@link #fact}). */
  public Map<String, Object> facts() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put(PLAN_ID, planId);
    f.put(PLAN_TITLE, planTitle);
    f.put(PLAN_TIMEZONE, planTimezone);
    f.put(TASK_NO, taskNo);
    f.put(TASK_TITLE, title);
    f.put(TASK_LABEL, label);
    f.put(TASK_DESCRIPTION, description);
    f.put(YEAR_OF_TASK, year);
    f.put(OWNER_KNOWN, ownerKnown);
    f.put(LEAD_LEADER_IDS, leadLeaderIds());
    f.put(LEAD_LEADER_NAMES, leadLeaderNames());
    f.put(LEAD_UNIT_ID, leadUnitId());
    f.put(LEAD_UNIT_NAME, leadUnitName());
    f.put(CO_LEAD_UNIT_IDS, ids(coLeadUnits));
    f.put(CO_LEAD_UNIT_NAMES, names(coLeadUnits));
    f.put(RESPONSIBLE_UNIT_IDS, ids(responsibleUnits));
    f.put(RESPONSIBLE_UNIT_NAMES, names(responsibleUnits));
    f.put(CONTRIBUTOR_UNIT_IDS, contributorUnitIds());
    f.put(DEADLINE, deadlineAt());
    f.put(DEADLINE_DATE, deadline == null ? null : deadline.toString());
    f.put(DEADLINE_TEXT, deadlineText());
    f.put(CAMPAIGN_ID, campaign == null ? "" : campaign.id());
    f.put(CAMPAIGN_NAME, campaign == null ? NO_CAMPAIGN : campaign.name());
    f.put(RESPONSIBLE_PERSON_TEXT, responsiblePersonText);
    f.put(TARGETS_TEXT, targetsText);
    f.put(KeyTaskReviews.SUMMARY_DATE, summaryDate == null ? null : summaryDate.toString());
    f.put(KeyTaskReviews.PROGRESS_REPORT_DATES, progressReportDates.stream().map(LocalDate::toString).toList());
    f.put(WatchVariables.DEADLINE_PASSED, deadlinePassed);
    return f;
  }

  static List<String> ids(List<Ref> refs) {
    return refs.stream().map(Ref::id).toList();
  }

  static String names(List<Ref> refs) {
    return String.join("、", refs.stream().map(Ref::name).toList());
  }

  /** Refs from ids, named by {@code names} (the id itself where no name is known). */
  static List<Ref> refs(List<String> ids, Map<String, String> names) {
    List<Ref> refs = new ArrayList<>();
    for (String id : ids) {
      refs.add(new Ref(id, names.getOrDefault(id, id)));
    }
    return refs;
  }
}
