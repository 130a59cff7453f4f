package org.campaigndesk.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campaigndesk.reminder.WorkingCalendar;

/**
 * The score rules: events to lines, each unit's quarterly cap, and the red and black lists (红榜、
 * 黑榜). Plain Java; the engine-facing code only collects events and stores lines.
 */
public final class QuarterScoring {

  /** One unit's quarter: its total and place. */
  public record UnitTotal(String unitId, String unitName, int total) {}

  /** The quarter's lists: best totals above zero (红榜), worst below zero (黑榜). */
  public record Lists(List<UnitTotal> red, List<UnitTotal> black) {}

  private QuarterScoring() {}

  /**
   * One line per event, then per unit a cap line when its deductions (or additions) exceed the
   * quarter's cap: lines are never cut, so each cause stays visible, and the cap line says by how
   * much the total was limited.
   */
  public static List<ScoreLine> lines(String planId, String tenantId, Quarter quarter, List<ScoreEvent> events,
      ScoringProperties rules) {
    List<ScoreLine> lines = new ArrayList<>();
    Map<String, int[]> sums = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    List<ScoreEvent> ordered = events.stream()
        .sorted(Comparator.comparing(ScoreEvent::unitId).thenComparing(ScoreEvent::date)
            .thenComparing(e -> e.keyTaskNo() == null ? Integer.MAX_VALUE : e.keyTaskNo()))
        .toList();
    for (ScoreEvent e : ordered) {
      int points = rules.pointsOf(e.rule()) * Math.max(1, e.count());
      if (points == 0) {
        continue;
      }
      lines.add(new ScoreLine(null, planId, tenantId, quarter.toString(), e.unitId(), e.unitName(), e.rule(), points,
          e.keyTaskNo(), e.keyTaskLabel(), e.step(), e.date(), e.detail(), e.sourceInstanceId(), ScoreLine.ACTIVE, null,
          null, null));
      int[] sum = sums.computeIfAbsent(e.unitId(), u -> new int[2]);
      sum[points > 0 ? 0 : 1] += points;
      names.put(e.unitId(), e.unitName());
    }
    for (Map.Entry<String, int[]> unit : sums.entrySet()) {
      int added = unit.getValue()[0];
      int deducted = unit.getValue()[1];
      if (added > rules.maxAdditionPerQuarter()) {
        lines.add(capLine(planId, tenantId, quarter, unit.getKey(), names.get(unit.getKey()),
            rules.maxAdditionPerQuarter() - added, "本季度加分" + added + "分，超过上限" + rules.maxAdditionPerQuarter() + "分"));
      }
      if (-deducted > rules.maxDeductionPerQuarter()) {
        lines.add(capLine(planId, tenantId, quarter, unit.getKey(), names.get(unit.getKey()),
            -deducted - rules.maxDeductionPerQuarter(), "本季度扣分" + (-deducted) + "分，超过上限" + rules.maxDeductionPerQuarter() + "分"));
      }
    }
    return lines;
  }

  private static ScoreLine capLine(String planId, String tenantId, Quarter quarter, String unitId, String unitName,
      int points, String description) {
    return new ScoreLine(null, planId, tenantId, quarter.toString(), unitId, unitName, ScoreRule.CAP, points, null, null,
        "季度考核", quarter.end(), description, null, ScoreLine.ACTIVE, null, null, null);
  }

  /**
   * Working days a piece of work was overdue within the quarter: from the day after its deadline to
   * the day it was closed out (or to {@code until}, the quarter's end or today), both counted.
   */
  public static int overdueWorkingDays(WorkingCalendar calendar, LocalDate deadline, LocalDate closedOn, Quarter quarter,
      LocalDate until) {
    LocalDate from = deadline.plusDays(1);
    if (from.isBefore(quarter.start())) {
      from = quarter.start();
    }
    LocalDate to = quarter.end();
    if (until != null && until.isBefore(to)) {
      to = until;
    }
    if (closedOn != null && closedOn.isBefore(to)) {
      to = closedOn;
    }
    int days = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (calendar.isWorkingDay(d)) {
        days++;
      }
    }
    return days;
  }

  /** Totals of the lines that count, for every unit named (units without lines total 0). */
  public static List<UnitTotal> totals(Map<String, String> unitNames, List<ScoreLine> lines) {
    Map<String, Integer> sums = new LinkedHashMap<>();
    unitNames.keySet().forEach(u -> sums.put(u, 0));
    for (ScoreLine line : lines) {
      if (line.counts()) {
        sums.merge(line.unitId(), line.points(), Integer::sum);
      }
    }
    return sums.entrySet().stream()
        .map(e -> new UnitTotal(e.getKey(), unitNames.getOrDefault(e.getKey(), e.getKey()), e.getValue()))
        .sorted(Comparator.comparingInt(UnitTotal::total).reversed().thenComparing(UnitTotal::unitId))
        .toList();
  }

  /** 红榜: up to {@code size} units with the highest totals above zero; 黑榜: up to {@code size} with the lowest below zero. */
  public static Lists lists(List<UnitTotal> totals, int size) {
    List<UnitTotal> red = totals.stream().filter(t -> t.total() > 0)
        .sorted(Comparator.comparingInt(UnitTotal::total).reversed().thenComparing(UnitTotal::unitId)).limit(size).toList();
    List<UnitTotal> black = totals.stream().filter(t -> t.total() < 0)
        .sorted(Comparator.comparingInt(UnitTotal::total).thenComparing(UnitTotal::unitId)).limit(size).toList();
    return new Lists(red, black);
  }

  public static String render(List<UnitTotal> list) {
    if (list.isEmpty()) {
      return "（无）";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      UnitTotal t = list.get(i);
      parts.add((i + 1) + ". " + t.unitName() + "（" + (t.total() > 0 ? "+" : "") + t.total() + "分）");
    }
    return String.join("\n", parts);
  }

  public static String render(ScoreLine line) {
    StringBuilder s = new StringBuilder();
    s.append('[').append(line.id()).append("] ").append(line.points() > 0 ? "+" : "").append(line.points()).append("分 ")
        .append(line.rule().label());
    // A step named after its task (a monthly report's) carries the key task's label already.
    if (line.keyTaskLabel() != null && (line.step() == null || !line.step().startsWith(line.keyTaskLabel()))) {
      s.append(" · ").append(line.keyTaskLabel());
    }
    if (line.step() != null) {
      s.append(" · ").append(line.step());
    }
    s.append(" · ").append(line.eventDate());
    if (line.description() != null && !line.description().isBlank()) {
      s.append("：").append(line.description());
    }
    return s.toString();
  }
}
