package org.campaigndesk.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstructionListTest {

  static final LocalDate TODAY = LocalDate.of(2026, 7, 1);
  final Set<Integer> leading = Set.of(1, 2);

  @Test
  void readsTheFormsTable_emptyRowsSkipped_dateOptional() {
    var result = InstructionList.readRows("""
        [{"taskNo": "2", "text": "加快水质检测", "dueDate": "2026-07-15"},
         {"taskNo": "", "text": "", "dueDate": ""},
         {"taskNo": 1, "text": "按计划推进", "dueDate": null}]
        """, leading, TODAY);
    assertThat(result.errors()).isEmpty();
    assertThat(result.instructions()).containsExactly(
        new InstructionList.Instruction(2, "加快水质检测", LocalDate.of(2026, 7, 15)),
        new InstructionList.Instruction(1, "按计划推进", null));
    assertThat(result.json("张三", "2026年7月")).isEqualTo("[{\"taskNo\":2,\"text\":\"加快水质检测\",\"dueDate\":\"2026-07-15\","
        + "\"leaderName\":\"张三\",\"month\":\"2026年7月\"},{\"taskNo\":1,\"text\":\"按计划推进\",\"leaderName\":\"张三\",\"month\":\"2026年7月\"}]");
    assertThat(InstructionList.readRows("[]", leading, TODAY).instructions()).isEmpty();
    assertThat(InstructionList.readRows(null, leading, TODAY).errors()).isEmpty();
  }

  @Test
  void everyBadRowIsNamedWithItsColumn_andNothingIsTakenWhileAnyIsBad() {
    var result = InstructionList.readRows("""
        [{"taskNo": "1", "text": "按计划推进"},
         {"taskNo": "", "text": "没有选工作", "dueDate": "7/15"},
         {"taskNo": "3", "text": "", "dueDate": "2026-06-30"}]
        """, leading, TODAY);
    assertThat(result.instructions()).isEmpty();
    assertThat(result.errors()).containsExactly(
        "调度意见第2行·重点工作：不能为空",
        "调度意见第2行·落实期限：'7/15' 不是日期（YYYY-MM-DD）",
        "调度意见第3行·重点工作：'3' 不是本人牵头的重点工作编号",
        "调度意见第3行·调度意见：不能为空",
        "调度意见第3行·落实期限：2026-06-30 已经过去");
    assertThat(InstructionList.readRows("\"text\"", leading, TODAY).errors()).containsExactly("调度意见：内容无法识别（应为表格的行）");
  }

  @Test
  void theOlderFormsLinesAreStillRead() {
    var result = InstructionList.read("2｜加快水质检测，7月15日前完成\n\n1 | 按计划推进", leading);
    assertThat(result.errors()).isEmpty();
    assertThat(result.instructions()).extracting(InstructionList.Instruction::taskNo).containsExactly(2, 1);
    assertThat(InstructionList.read("3｜不是我的\n只有一段", leading).errors()).containsExactly(
        "调度意见第1行：'3' 不是本人牵头的重点工作编号", "调度意见第2行：应为“重点工作编号｜调度意见”");
  }
}
