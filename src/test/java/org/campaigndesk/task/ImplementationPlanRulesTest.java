package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImplementationPlanRulesTest {

  static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  static final LocalDate DEADLINE = LocalDate.of(2026, 6, 30);
  final Map<String, String> units = new LinkedHashMap<>(Map.of("housing", "县住房城乡建设局", "jinshan", "金山镇"));

  @Test
  void linesNameUnitsByNameOrId_withFullOrHalfWidthBars() {
    var result = ImplementationPlanRules.checkLines("""
        金山镇｜完成危房改造问题整改｜2026-05-20

        housing | 组织验收 | 2026/6/30
        """, units, TODAY, DEADLINE);
    assertThat(result.problems()).isEmpty();
    assertThat(result.items()).containsExactly(
        new SubItem("完成危房改造问题整改", "jinshan", LocalDate.of(2026, 5, 20)),
        new SubItem("组织验收", "housing", LocalDate.of(2026, 6, 30)));
    assertThat(result.itemsJson()).contains("\"ownerUnit\":\"jinshan\"").contains("\"dueDate\":\"2026-06-30\"");
  }

  @Test
  void everyBadLineIsNamedWithItsProblem() {
    var result = ImplementationPlanRules.checkLines("""
        金山镇 完成整改 2026-05-20
        县水务局｜修水窖｜2026-05-01
        金山镇｜｜2026-04-01
        金山镇｜排查｜五月底
        金山镇｜排查｜2026-03-01
        金山镇｜排查｜2026-07-01
        """, units, TODAY, DEADLINE);
    assertThat(result.problems()).containsExactly(
        "任务分解第1行：应为“责任单位｜工作内容｜完成日期”三项，用“｜”分隔",
        "任务分解第2行·责任单位：'县水务局' 不是本项重点工作的牵头或责任单位",
        "任务分解第3行·工作内容：不能为空",
        "任务分解第4行·完成日期：'五月底' 不是日期（YYYY-MM-DD）",
        "任务分解第5行·完成日期：2026-03-01 已经过去",
        "任务分解第6行·完成日期：2026-07-01 晚于本项工作的完成时限 2026-06-30");
  }

  @Test
  void unitsMayBeNamedByTheOtherSpellingsOfThePlan() {
    var result = ImplementationPlanRules.checkLines("县住建局｜组织验收｜2026-06-30", units, Map.of("县住建局", "housing"), TODAY, DEADLINE);
    assertThat(result.problems()).isEmpty();
    assertThat(result.items()).extracting(SubItem::ownerUnit).containsExactly("housing");
  }

  @Test
  void emptyBreakdownIsRefused() {
    assertThat(ImplementationPlanRules.checkLines("  \n ", units, TODAY, DEADLINE).problems())
        .containsExactly("任务分解：至少填写一项（责任单位｜工作内容｜完成日期）");
    assertThat(ImplementationPlanRules.checkJson("[]", units, TODAY, DEADLINE).problems()).hasSize(1);
  }

  @Test
  void afterAMissedDeadline_itemsMayRunPastIt() {
    LocalDate lateToday = LocalDate.of(2026, 11, 23);
    var result = ImplementationPlanRules.checkLines("金山镇｜补做整改｜2026-12-15", units, lateToday, DEADLINE);
    assertThat(result.problems()).isEmpty();
  }
}
