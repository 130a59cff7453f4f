package org.campaigndesk.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemListTest {

  static final LocalDate TODAY = LocalDate.of(2026, 4, 1);
  final Map<String, String> units = Map.of("housing", "县住房城乡建设局", "jinshan", "金山镇");
  final Set<Integer> keyTasks = Set.of(1, 3);

  @Test
  void readsProblemsOfAnyLength_unitsByNameOrId_keyTaskOptional() {
    var result = ProblemList.read("""
        危房改造档案不全｜金山镇｜2026-04-30｜3
        安置点公共服务未配套 | housing | 2026/5/31
        """, units, keyTasks, TODAY);
    assertThat(result.errors()).isEmpty();
    assertThat(result.problems()).containsExactly(
        new Problem("危房改造档案不全", "jinshan", LocalDate.of(2026, 4, 30), 3),
        new Problem("安置点公共服务未配套", "housing", LocalDate.of(2026, 5, 31), null));
  }

  @Test
  void unitsMayBeNamedByTheOtherSpellingsOfThePlan() {
    var result = ProblemList.read("档案不全｜县住建局｜2026-04-30", units, Map.of("县住建局", "housing"), keyTasks, TODAY);
    assertThat(result.errors()).isEmpty();
    assertThat(result.problems()).extracting(Problem::unitId).containsExactly("housing");
  }

  @Test
  void anEmptyListMeansNothingWasFound() {
    assertThat(ProblemList.read("  \n", units, keyTasks, TODAY).problems()).isEmpty();
    assertThat(ProblemList.read(null, units, keyTasks, TODAY).errors()).isEmpty();
  }

  @Test
  void everyBadLineIsNamed_andNothingIsTakenWhileAnyIsBad() {
    var result = ProblemList.read("""
        只有一段
        ｜金山镇｜2026-04-30
        问题A｜县水务局｜2026-04-30
        问题B｜金山镇｜月底
        问题C｜金山镇｜2026-03-01
        问题D｜金山镇｜2026-04-30｜9
        问题E｜金山镇｜2026-04-30｜三
        """, units, keyTasks, TODAY);
    assertThat(result.problems()).isEmpty();
    assertThat(result.errors()).containsExactly(
        "问题清单第1行：应为“问题｜责任单位｜整改期限｜相关重点工作编号”，用“｜”分隔，编号可空",
        "问题清单第2行·问题：不能为空",
        "问题清单第3行·责任单位：'县水务局' 不是本计划的单位",
        "问题清单第4行·整改期限：'月底' 不是日期（YYYY-MM-DD）",
        "问题清单第5行·整改期限：2026-03-01 已经过去",
        "问题清单第6行·相关重点工作：没有编号为 9 的重点工作",
        "问题清单第7行·相关重点工作：'三' 不是编号（如 3）");
  }

  @Test
  void readsTheFormsTable_rowsNumberedAsShown_emptyRowsSkipped() {
    var result = ProblemList.readRows("""
        [{"description": "危房改造档案不全", "unitId": "jinshan", "deadline": "2026-04-30", "keyTaskNo": "3"},
         {"description": "", "unitId": "", "deadline": "", "keyTaskNo": ""},
         {"description": "安置点公共服务未配套", "unitId": "县住房城乡建设局", "deadline": "2026-05-31", "keyTaskNo": null}]
        """, units, Map.of(), keyTasks, TODAY);
    assertThat(result.errors()).isEmpty();
    assertThat(result.problems()).containsExactly(
        new Problem("危房改造档案不全", "jinshan", LocalDate.of(2026, 4, 30), 3),
        new Problem("安置点公共服务未配套", "housing", LocalDate.of(2026, 5, 31), null));
    assertThat(ProblemList.readRows("[]", units, Map.of(), keyTasks, TODAY).problems()).isEmpty();
    assertThat(ProblemList.readRows(null, units, Map.of(), keyTasks, TODAY).errors()).isEmpty();
  }

  @Test
  void everyBadRowIsNamedWithItsColumn_andNothingIsTakenWhileAnyIsBad() {
    var result = ProblemList.readRows("""
        [{"description": "问题A", "unitId": "jinshan", "deadline": "2026-04-30"},
         {"description": "", "unitId": "", "deadline": "12/05/2026", "keyTaskNo": "9"},
         {"description": "问题C", "unitId": "water", "deadline": "2026-03-01", "keyTaskNo": "三"}]
        """, units, Map.of(), keyTasks, TODAY);
    assertThat(result.problems()).isEmpty();
    assertThat(result.errors()).containsExactly(
        "问题清单第2行·问题：不能为空",
        "问题清单第2行·责任单位：不能为空",
        "问题清单第2行·整改期限：'12/05/2026' 不是日期（YYYY-MM-DD）",
        "问题清单第2行·相关重点工作：没有编号为 9 的重点工作",
        "问题清单第3行·责任单位：'water' 不是本计划的单位",
        "问题清单第3行·整改期限：2026-03-01 已经过去",
        "问题清单第3行·相关重点工作：'三' 不是编号（如 3）");
    assertThat(ProblemList.readRows("{\"a\": 1}", units, Map.of(), keyTasks, TODAY).errors())
        .containsExactly("问题清单：内容无法识别（应为表格的行）");
  }
}
