package org.campaigndesk.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campaigndesk.reminder.WorkingCalendar;
import org.junit.jupiter.api.Test;

/** The score rules without the engine: points per event, caps, overdue working days, the lists. */
class QuarterScoringTest {

  static final ScoringProperties RULES = new ScoringProperties(2, 1, 2, 1, 5, 20, 10, 5, 3, "http://ledger.test/ledger");
  static final Quarter Q2 = Quarter.parse("2026-Q2");
  static final WorkingCalendar CALENDAR = new WorkingCalendar(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
      Set.of(LocalDate.of(2026, 6, 23)), Set.of(LocalDate.of(2026, 6, 27)));

  static ScoreEvent event(String unit, ScoreRule rule, int count, LocalDate date) {
    return new ScoreEvent(unit, unit + "名", rule, 1, "【一】测试", "步骤", date, count, "说明", "pi-1");
  }

  @Test
  void eachEventIsOneLineWithItsConfiguredPoints() {
    List<ScoreLine> lines = QuarterScoring.lines("p", null, Q2, List.of(
        event("a", ScoreRule.ON_TIME_CLOSE_OUT, 1, LocalDate.of(2026, 5, 1)),
        event("a", ScoreRule.OVERDUE_WORKING_DAYS, 3, LocalDate.of(2026, 4, 30)),
        event("b", ScoreRule.MISSED_MONTHLY_REPORT, 1, LocalDate.of(2026, 4, 20)),
        event("b", ScoreRule.ACCEPTANCE_RETURNED, 1, LocalDate.of(2026, 6, 2)),
        event("b", ScoreRule.INTERVIEW, 1, LocalDate.of(2026, 6, 3))), RULES);
    assertThat(lines).extracting(ScoreLine::unitId, ScoreLine::rule, ScoreLine::points).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", ScoreRule.OVERDUE_WORKING_DAYS, -3),
        org.assertj.core.groups.Tuple.tuple("a", ScoreRule.ON_TIME_CLOSE_OUT, 2),
        org.assertj.core.groups.Tuple.tuple("b", ScoreRule.MISSED_MONTHLY_REPORT, -2),
        org.assertj.core.groups.Tuple.tuple("b", ScoreRule.ACCEPTANCE_RETURNED, -1),
        org.assertj.core.groups.Tuple.tuple("b", ScoreRule.INTERVIEW, -5));
    assertThat(lines).allSatisfy(l -> {
      assertThat(l.quarter()).isEqualTo("2026-Q2");
      assertThat(l.keyTaskNo()).isEqualTo(1);
      assertThat(l.sourceInstanceId()).isEqualTo("pi-1");
    });
  }

  @Test
  void deductionsBeyondTheCapKeepTheirLinesAndGetACapLine() {
    List<ScoreLine> lines = QuarterScoring.lines("p", null, Q2, List.of(
        event("a", ScoreRule.OVERDUE_WORKING_DAYS, 18, LocalDate.of(2026, 4, 1)),
        event("a", ScoreRule.INTERVIEW, 1, LocalDate.of(2026, 4, 10))), RULES);
    assertThat(lines).extracting(ScoreLine::points).containsExactly(-18, -5, 3);
    assertThat(lines.get(2).rule()).isEqualTo(ScoreRule.CAP);
    assertThat(lines.get(2).description()).contains("23").contains("20");
    assertThat(lines.stream().mapToInt(ScoreLine::points).sum()).isEqualTo(-20);
  }

  @Test
  void additionsAreCappedToo_exactlyAtTheCapNothingIsAdded() {
    List<ScoreEvent> six = java.util.stream.IntStream.range(0, 6)
        .mapToObj(i -> event("a", ScoreRule.ON_TIME_CLOSE_OUT, 1, LocalDate.of(2026, 5, 1 + i))).toList();
    assertThat(QuarterScoring.lines("p", null, Q2, six, RULES).stream().mapToInt(ScoreLine::points).sum()).isEqualTo(10);
    assertThat(QuarterScoring.lines("p", null, Q2, six.subList(0, 5), RULES)).noneMatch(l -> l.rule() == ScoreRule.CAP);
  }

  @Test
  void overdueWorkingDaysCountOnlyWorkingDaysWithinTheQuarter() {
    // Deadline Friday 19 June; Monday 22 .. Friday 26 June minus the holiday on the 23rd, plus the make-up Saturday 27th,
    // then Monday 29 and Tuesday 30 June: 7 working days; the quarter ends on the 30th.
    assertThat(QuarterScoring.overdueWorkingDays(CALENDAR, LocalDate.of(2026, 6, 19), null, Q2, LocalDate.of(2026, 7, 1)))
        .isEqualTo(7);
    // Closed out on Wednesday 24 June: 22 and 24 June.
    assertThat(QuarterScoring.overdueWorkingDays(CALENDAR, LocalDate.of(2026, 6, 19), LocalDate.of(2026, 6, 24), Q2, null))
        .isEqualTo(2);
    // Overdue since the previous quarter: counted from 1 April (Wednesday) to Friday 3 April.
    assertThat(QuarterScoring.overdueWorkingDays(CALENDAR, LocalDate.of(2026, 3, 15), LocalDate.of(2026, 4, 3), Q2, null))
        .isEqualTo(3);
    // Not overdue within the quarter at all.
    assertThat(QuarterScoring.overdueWorkingDays(CALENDAR, LocalDate.of(2026, 6, 30), null, Q2, null)).isZero();
  }

  @Test
  void redAndBlackListsByTotal_removedLinesDoNotCount() {
    List<ScoreLine> lines = List.of(
        line("a", 4, ScoreLine.ACTIVE), line("b", -3, ScoreLine.ACTIVE), line("c", -6, ScoreLine.UPHELD),
        line("d", -9, ScoreLine.REMOVED), line("e", 1, ScoreLine.ACTIVE));
    Map<String, String> units = new java.util.LinkedHashMap<>();
    for (String u : List.of("a", "b", "c", "d", "e", "f")) {
      units.put(u, u + "名");
    }
    List<QuarterScoring.UnitTotal> totals = QuarterScoring.totals(units, lines);
    assertThat(totals).extracting(QuarterScoring.UnitTotal::unitId).containsExactly("a", "e", "d", "f", "b", "c");
    QuarterScoring.Lists lists = QuarterScoring.lists(totals, 3);
    assertThat(lists.red()).extracting(QuarterScoring.UnitTotal::unitId).containsExactly("a", "e");
    assertThat(lists.black()).extracting(QuarterScoring.UnitTotal::unitId).containsExactly("c", "b");
    assertThat(QuarterScoring.render(lists.black())).isEqualTo("1. c名（-6分）\n2. b名（-3分）");
    assertThat(QuarterScoring.render(List.of())).isEqualTo("（无）");
  }

  /** A line names its key task once: a step named after its task (a monthly report's) already carries the label. */
  @Test
  void aLine_namesItsKeyTaskOnce() {
    ScoreLine missed = new ScoreLine(7L, "p", "t", "2026-Q2", "agri", "农业农村局", ScoreRule.MISSED_MONTHLY_REPORT, -2, 1,
        "【一】产业扶贫", "【一】产业扶贫 · 月度进展报告（4月）", java.time.LocalDate.of(2026, 4, 20), "未报送", "src",
        ScoreLine.ACTIVE, null, null, null);
    ScoreLine returned = new ScoreLine(8L, "p", "t", "2026-Q2", "agri", "农业农村局", ScoreRule.ACCEPTANCE_RETURNED, -1, 1,
        "【一】产业扶贫", "验收", java.time.LocalDate.of(2026, 5, 21), null, "src", ScoreLine.ACTIVE, null, null, null);

    assertThat(QuarterScoring.render(missed))
        .isEqualTo("[7] -2分 " + ScoreRule.MISSED_MONTHLY_REPORT.label() + " · 【一】产业扶贫 · 月度进展报告（4月） · 2026-04-20：未报送");
    assertThat(QuarterScoring.render(returned))
        .isEqualTo("[8] -1分 " + ScoreRule.ACCEPTANCE_RETURNED.label() + " · 【一】产业扶贫 · 验收 · 2026-05-21");
  }

  @Test
  void quarters() {
    assertThat(Quarter.parse("2026-Q4").end()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(Quarter.of(LocalDate.of(2026, 7, 1))).isEqualTo(new Quarter(2026, 3));
    assertThat(new Quarter(2026, 1).label()).isEqualTo("2026年第一季度");
  }

  static ScoreLine line(String unit, int points, String status) {
    return new ScoreLine(1L, "p", null, "2026-Q2", unit, unit + "名", ScoreRule.INTERVIEW, points, null, null, null,
        LocalDate.of(2026, 5, 1), null, null, status, null, null, null);
  }
}
