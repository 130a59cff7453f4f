package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.campaigndesk.kernel.Json;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.Test;

/** Reading a key task's record from its variable's value: once per value object, never a stale one. */
class KeyTaskRecordReadTest {

  private static final KeyTaskRecord RECORD = new KeyTaskRecord("lufeng-2020", "禄丰县2020年扶贫开发工作计划", "Asia/Shanghai", 3,
      "住房安全保障工程", "【三】住房安全保障工程", "危房改造", 2020, true,
      List.of(new KeyTaskRecord.Ref("leader-li", "李副县长")), new KeyTaskRecord.Ref("housing", "县住房城乡建设局"), List.of(),
      List.of(new KeyTaskRecord.Ref("jinshan", "金山镇")), Map.of(), LocalDate.of(2020, 6, 30), null, null,
      new KeyTaskRecord.Ref("summer", "夏季提升"), null, null, null, List.of(LocalDate.of(2020, 3, 31)), false);

  private static SpinJsonNode node(KeyTaskRecord record) {
    return Spin.JSON(Json.variable(record).getValue().toString());
  }

  @Test
  void oneValueIsReadOnceAndGivesTheSameRecordAsItsText() {
    SpinJsonNode value = node(RECORD);

    KeyTaskRecord first = KeyTaskRecord.read(value);

    assertThat(first).isEqualTo(RECORD);
    assertThat(KeyTaskRecord.read(value)).isSameAs(first);
    assertThat(KeyTaskRecord.read(value.toString())).isEqualTo(first);
  }

  @Test
  void aNewValueGivesItsOwnRecord() {
    SpinJsonNode before = node(RECORD);
    KeyTaskRecord.read(before);
    KeyTaskRecord extended = RECORD.withExtendedDeadline(LocalDate.of(2020, 9, 30));

    KeyTaskRecord read = KeyTaskRecord.read(node(extended));

    assertThat(read.deadline()).isEqualTo(LocalDate.of(2020, 9, 30));
    assertThat(read.extendedFrom()).isEqualTo(LocalDate.of(2020, 6, 30));
    assertThat(KeyTaskRecord.read(before).deadline()).isEqualTo(LocalDate.of(2020, 6, 30));
  }
}
