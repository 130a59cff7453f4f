package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShownLinesTest {

  @Test
  void linesThatFit_areJoinedWhole() {
    assertThat(ShownLines.of(List.of("甲镇：开展问题排查（逾期未完成）", "乙乡：开展问题排查（逾期未完成）")))
        .isEqualTo("甲镇：开展问题排查（逾期未完成）\n乙乡：开展问题排查（逾期未完成）");
    assertThat(ShownLines.of(List.of())).isEmpty();
    String exactly = "字".repeat(ShownLines.MAX_CHARACTERS);
    assertThat(ShownLines.of(List.of(exactly))).isEqualTo(exactly);
  }

  @Test
  void moreThanTheColumnHolds_keepsWholeLinesAndSaysHowManyAreLeftOut() {
    List<String> lines = IntStream.rangeClosed(1, 2600).mapToObj(i -> "【" + i + "】重点工作：未完成，结转下年度").toList();
    String shown = ShownLines.of(lines);
    assertThat(shown.length()).isLessThanOrEqualTo(ShownLines.MAX_CHARACTERS);
    List<String> shownLines = List.of(shown.split("\n"));
    int kept = shownLines.size() - 1;
    assertThat(shownLines.subList(0, kept)).isEqualTo(lines.subList(0, kept));
    assertThat(shownLines.get(kept)).isEqualTo("……另有" + (2600 - kept) + "项未列出（共2600项）");
    assertThat(kept).isGreaterThan(100);
  }

  @Test
  void aSingleLineLongerThanTheColumn_isLeftOutWithTheNote() {
    String shown = ShownLines.of(Collections.nCopies(2, "字".repeat(ShownLines.MAX_CHARACTERS)));
    assertThat(shown).isEqualTo("……另有2项未列出（共2项）");
  }

  @Test
  void itemsJoinedByABlankLine_keepTheirSeparatorUpToTheNote() {
    List<String> items = Collections.nCopies(600, "第一行\n第二行");
    String shown = ShownLines.of(items, "\n\n");
    assertThat(shown.length()).isLessThanOrEqualTo(ShownLines.MAX_CHARACTERS);
    assertThat(shown).startsWith("第一行\n第二行\n\n第一行").doesNotContain("\n\n\n");
    assertThat(shown).matches("(?s).*第二行\n\n……另有\\d+项未列出（共600项）");
    assertThat(ShownLines.of(List.of("甲", "乙"), "\n\n")).isEqualTo("甲\n\n乙");
  }
}
