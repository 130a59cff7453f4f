package org.campaigndesk.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgendaTest {

  static final Instant NOW = Instant.parse("2026-07-01T01:00:00Z");

  @Test
  void statusByDeadline() {
    assertThat(Agenda.status(false, Instant.parse("2026-06-30T15:59:59Z"), NOW)).isEqualTo(AgendaItem.Status.RED);
    assertThat(Agenda.status(false, Instant.parse("2026-07-05T15:59:59Z"), NOW)).isEqualTo(AgendaItem.Status.YELLOW);
    assertThat(Agenda.status(false, Instant.parse("2026-10-30T15:59:59Z"), NOW)).isEqualTo(AgendaItem.Status.GREEN);
    assertThat(Agenda.status(true, Instant.parse("2026-06-30T15:59:59Z"), NOW)).isEqualTo(AgendaItem.Status.CLOSED);
  }

  @Test
  void redFirst_thenYellow_thenGreen_thenClosed_byNumberWithin() {
    List<AgendaItem> items = List.of(
        new AgendaItem(1, "【一】甲", "10月30日前", AgendaItem.Status.GREEN, "进展", List.of()),
        new AgendaItem(4, "【四】丁", "6月30日前", AgendaItem.Status.CLOSED, "进展", List.of()),
        new AgendaItem(5, "【五】戊", "7月5日前", AgendaItem.Status.YELLOW, "进展", List.of()),
        new AgendaItem(3, "【三】丙", "6月1日前", AgendaItem.Status.RED, "进展", List.of()),
        new AgendaItem(2, "【二】乙", "6月30日前", AgendaItem.Status.RED, "⚠ 未报送2026年6月进展报告", List.of("水质检测未开展")));
    assertThat(Agenda.ordered(items)).extracting(AgendaItem::taskNo).containsExactly(2, 3, 5, 1, 4);
    String text = Agenda.render(items);
    assertThat(text).startsWith("🔴 逾期  【二】乙（6月30日前）\n    上月进展：⚠ 未报送2026年6月进展报告\n    未销号问题：1项：水质检测未开展");
    assertThat(Agenda.render(List.of())).isEqualTo("本月没有需要调度的重点工作。");
  }

  @Test
  void aLeaderOfHundredsOfKeyTasks_getsTheMostUrgentWithinTheTextColumn() {
    List<AgendaItem> items = java.util.stream.IntStream.rangeClosed(1, 400)
        .mapToObj(i -> new AgendaItem(i, "【" + i + "】重点工作", "12月31日前",
            i % 2 == 0 ? AgendaItem.Status.RED : AgendaItem.Status.GREEN, "进展正常", List.of()))
        .toList();
    String text = Agenda.render(items);
    assertThat(text.length()).isLessThanOrEqualTo(org.campaigndesk.kernel.ShownLines.MAX_CHARACTERS);
    assertThat(text).startsWith("🔴 逾期  【2】重点工作（12月31日前）");
    assertThat(text).doesNotContain("🟢").contains("\n\n……另有").endsWith("项未列出（共400项）");
  }
}
