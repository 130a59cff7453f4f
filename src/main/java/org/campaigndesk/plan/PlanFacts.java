package org.campaigndesk.plan;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
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
    List<KeyTask> keyTasks, List<Plan.Campaign> campaigns, Plan.Supervision supervision, int version, String spanText,
    List<LocalDate> progressReportDates, Integer firstYear) {

  public static final String VARIABLE = "planFacts";

  /**
   * What {@link #of(Plan)} writes now: 2 added what starting and assigning a key task needs (its
   * text, units, deadline, targets; the leaders' titles; the report dates), so no step reads the
   * plan file for them. Facts of an older version are refreshed at start-up ({@code PlanFactsUpgrade}).
   */
  public static final int CURRENT_VERSION = 2;

  /** A unit by its id (the Camunda group), with its name and the other names the plan knows it by. */
  public record Unit(String id, String name, List<String> aliases) {}

  public record Leader(String id, String name, String title) {}

  /**
   * A key task as the plan gives it: its label, its lead leaders and owning unit (empty while it
   * awaits its owner; the key task's instance knows them once assigned), and what its process
   * starts with. Its deadline as a date, its wording ({@code deadlineText}) and the date of its
   * half-year summary, if any; no deadline while the plan leaves it open.
   */
  public record KeyTask(int no, String label, List<String> leadLeaderIds, String owningUnitId, boolean awaitingOwner,
      String title, String description, List<String> leadUnitIds, List<String> responsibleUnitIds, LocalDate dueDate,
      String deadlineText, LocalDate summaryDate, String responsiblePersonText, String targetsText, Integer year) {

    static KeyTask of(Plan.KeyTask t) {
      Deadline deadline = t.deadline();
      return new KeyTask(t.no(), t.label(), t.leadLeaderIds(), t.owningUnitId(), t.awaitingOwner(), t.title(),
          t.description(), t.leadUnitIds(), t.responsibleUnitIds(), deadline == null ? null : deadline.dueDate(),
          deadline == null ? null : deadline.text(), deadline == null ? null : deadline.summaryDate().orElse(null),
          t.responsiblePerson() == null ? "—" : t.responsiblePerson().text(), PlanFacts.targetsText(t.targets()), t.year());
    }

    /** The same task with the owner and deadline a coordinator chose (分解交办). */
    public KeyTask assigned(List<String> leadLeaderIds, String leadUnitId, List<String> responsibleUnitIds, LocalDate deadline) {
      List<String> leads = List.of(leadUnitId);
      return new KeyTask(no, label, leadLeaderIds, leadUnitId, false, title, description, leads, responsibleUnitIds, deadline,
          new Deadline.FixedDate(deadline).text(), null, responsiblePersonText, targetsText, year);
    }

    public List<String> coLeadUnitIds() {
      return leadUnitIds == null || leadUnitIds.isEmpty() ? List.of() : leadUnitIds.subList(1, leadUnitIds.size());
    }

    /** Whether the task's deadline lay before {@code day} (a task without a deadline is never overdue). */
    public boolean overdueOn(LocalDate day) {
      return dueDate != null && dueDate.isBefore(day);
    }
  }

  public static PlanFacts of(Plan plan) {
    return new PlanFacts(plan.info().id(), plan.info().title(), plan.info().year(), plan.info().timezone().getId(),
        plan.units().stream().map(u -> new Unit(u.id(), u.name(), u.aliases() == null ? List.of() : u.aliases())).toList(),
        plan.leaders().stream().map(l -> new Leader(l.id(), l.name(), l.title())).toList(),
        plan.tasks().stream().map(KeyTask::of).toList(), plan.campaigns(), plan.supervision(), CURRENT_VERSION,
        plan.info().spanText(), plan.progressReportDates(), plan.info().firstYear());
  }

  /**
   * The first month of the plan's span (January of its first year), before which nothing of the plan
   * is reported. Facts written before they named the first year give it by their span's text, which
   * begins with it ("2018—2020年", "2020年"); empty for facts that know neither.
   */
  public Optional<YearMonth> firstMonth() {
    if (firstYear != null && firstYear > 0) {
      return Optional.of(YearMonth.of(firstYear, 1));
    }
    if (spanText != null && spanText.matches("\\d{4}[—年].*")) {
      return Optional.of(YearMonth.of(Integer.parseInt(spanText.substring(0, 4)), 1));
    }
    return Optional.empty();
  }

  /** The targets as the key task's forms show them, one per line. */
  static String targetsText(List<Plan.Objective> targets) {
    if (targets == null || targets.isEmpty()) {
      return "—";
    }
    return String.join("\n", targets.stream().map(t -> "· " + t.text()
        + (t.value() == null ? "" : "（" + formatNumber(t.value()) + (t.unit() == null ? "" : t.unit()) + "）")
        + (t.year() == null ? "" : "，" + t.year() + "年")).toList());
  }

  private static String formatNumber(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  public Optional<Leader> leader(String id) {
    return leaders.stream().filter(l -> l.id().equals(id)).findFirst();
  }

  /** The facts above {@code scope}: its own instance's, or those of the instance that called it, and so on up. */
  public static PlanFacts of(VariableScope scope) {
    return find(scope).orElseThrow(() -> new IllegalStateException("no " + VARIABLE + " on process instance "
        + execution(scope).getProcessInstanceId() + " or the instances that called it"));
  }

  /** As {@link #of(VariableScope)}, empty where neither the instance nor one that called it has facts. */
  public static Optional<PlanFacts> find(VariableScope scope) {
    for (DelegateExecution at = execution(scope); at != null; at = at.getProcessInstance().getSuperExecution()) {
      Object value = at.getVariable(VARIABLE);
      if (value != null) {
        return Optional.of(read(value));
      }
    }
    return Optional.empty();
  }

  private static DelegateExecution execution(VariableScope scope) {
    return scope instanceof DelegateTask task ? task.getExecution() : (DelegateExecution) scope;
  }

  /** The facts from the variable's value (Spin JSON, or its text). */
  public static PlanFacts read(Object value) {
    synchronized (RECENT) {
      for (Object[] entry : RECENT) {
        if (((java.lang.ref.WeakReference<?>) entry[0]).get() == value) {
          return (PlanFacts) entry[1];
        }
      }
    }
    PlanFacts facts = Json.readVariable(value, PlanFacts.class);
    synchronized (RECENT) {
      RECENT.addFirst(new Object[] {new java.lang.ref.WeakReference<>(value), facts});
      if (RECENT.size() > 16) {
        RECENT.removeLast();
      }
    }
    return facts;
  }

  /**
   * The facts last read, by the very value they were read from: within one engine command a plan's
   * variable is one object, read once per key task started (20 times in a county's import, each a
   * parse of the whole plan). Weakly held: a value the engine let go is never matched again.
   */
  private static final java.util.ArrayDeque<Object[]> RECENT = new java.util.ArrayDeque<>();

  /** As the variable is stored: JSON, typed, so Cockpit shows it as such. */
  public TypedValue value() {
    return Json.variable(this);
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
