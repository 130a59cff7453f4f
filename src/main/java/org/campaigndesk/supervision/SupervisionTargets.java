package org.campaigndesk.supervision;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.task.DueDates;
import org.springframework.stereotype.Component;

/**
 * Listed supervision (挂牌督战): every month, per target, analysis and report by the squad's lead
 * department (due on the report day) and feedback from the coordinators, through the plan's
 * phases; the phase and its milestones are kept on the target's instance.
 */
@Component("supervisionTargets")
public class SupervisionTargets {

  static final Map<String, String> KINDS = Map.of("county", "县", "village", "行政村", "resettlement-site",
      "易地扶贫搬迁安置点", "hydropower-resettlement-site", "水电移民安置点");
  static final Map<String, String> FIGURES = Map.of("remainingPoor", "剩余贫困人口（人）", "incidence", "贫困发生率（%）",
      "population", "安置人口（人）");

  public List<String> targetIds(VariableScope scope) {
    Plan.Supervision supervision = plan(scope).supervision();
    return supervision == null ? List.of() : supervision.targets().stream().map(Plan.Target::id).toList();
  }

  /** From the first of next month, once a month, 08:00 in the plan's time zone. */
  public String cycle(VariableScope scope) {
    return DueDates.monthlyCycle(scope, 1, 8);
  }

  /** The end of the last phase: the supervision is over. */
  public Date supervisionEnd(VariableScope scope) {
    List<Plan.Phase> phases = plan(scope).supervision().phases();
    return DueDates.endOfDay(phases.get(phases.size() - 1).end(), DueDates.zone(scope));
  }

  /** Start of a month's work: its month, due dates, and the phase the target is in now. */
  public void openMonth(DelegateExecution scope) {
    Plan.Supervision supervision = plan(scope).supervision();
    ZoneId zone = DueDates.zone(scope);
    LocalDate today = DueDates.today(zone);
    YearMonth month = YearMonth.from(today);
    int reportDay = supervision.reportDay();
    scope.setVariableLocal("supervisionMonthLabel", ChineseDates.format(month));
    scope.setVariableLocal("reportDue", DueDates.endOfDay(month.atDay(reportDay), zone));
    scope.setVariableLocal("analysisDue", DueDates.endOfDay(month.atDay(Math.max(1, reportDay - 10)), zone));
    scope.setVariableLocal("overdue", false);
    scope.setVariable("currentPhase", phaseAt(supervision, today));
  }

  /** Coordinators feed back within five days of the report. */
  public Date feedbackDue(VariableScope scope) {
    ZoneId zone = DueDates.zone(scope);
    return DueDates.endOfDay(DueDates.today(zone).plusDays(5), zone);
  }

  static String phaseAt(Plan.Supervision supervision, LocalDate day) {
    return supervision.phases().stream()
        .filter(p -> !day.isBefore(p.start()) && !day.isAfter(p.end()))
        .map(p -> p.name() + "（" + ChineseDates.format(p.start()) + "至" + ChineseDates.format(p.end()) + "）")
        .findFirst().orElse("—");
  }

  static String phasesText(Plan.Supervision supervision) {
    List<String> lines = new ArrayList<>();
    for (Plan.Phase phase : supervision.phases()) {
      lines.add(phase.name() + "：" + ChineseDates.format(phase.start()) + "至" + ChineseDates.format(phase.end()));
      phase.milestones().forEach(m -> lines.add("    —— " + ChineseDates.format(m.date()) + "前：" + m.title()));
    }
    return String.join("\n", lines);
  }

  /** Create listener of the month's tasks: "【挂牌督战】武定县 · 2020年3月督战报告". */
  public void nameTask(DelegateTask task) {
    task.setName(task.getVariable(KeyTaskVariables.TASK_LABEL) + " · " + task.getVariable("supervisionMonthLabel") + task.getName());
  }

  /** The plan's facts as the instance (or the annual plan above it) carries them. */
  static PlanFacts plan(VariableScope scope) {
    return PlanFacts.of(scope);
  }

  static String figuresText(Plan.Target target) {
    List<String> parts = new ArrayList<>();
    target.figures().forEach((k, v) -> parts.add(FIGURES.get(k) + "：" + (v == Math.rint(v) ? String.valueOf(v.longValue()) : v)));
    return parts.isEmpty() ? "—" : String.join("；", parts);
  }
}
