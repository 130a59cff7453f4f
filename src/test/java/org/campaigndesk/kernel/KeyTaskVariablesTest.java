package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.Test;

/** A list that grows with the plan never breaks the engine's 4,000-character text column. */
class KeyTaskVariablesTest {

  @Test
  void aShortListIsText_aLongOneBytes_andBothReadBackAlike() {
    List<String> few = List.of("1", "2", "20");
    TypedValue small = KeyTaskVariables.idList(few);
    assertThat(small.getType()).isEqualTo(ValueType.STRING);
    assertThat(KeyTaskVariables.splitIds(small.getValue())).isEqualTo(few);

    // 2,600 key task numbers: 11,490 characters of text.
    List<String> many = IntStream.rangeClosed(1, 2600).mapToObj(String::valueOf).toList();
    TypedValue large = KeyTaskVariables.idList(many);
    assertThat(large.getType()).isEqualTo(ValueType.BYTES);
    assertThat(KeyTaskVariables.splitIds(large.getValue())).isEqualTo(many);
  }
}
