package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.type.SpinValueType;
import org.junit.jupiter.api.Test;

/** Lists are stored as JSON; comma text of earlier versions (history, instances not yet upgraded) still reads. */
class JsonListsTest {

  @Test
  void aListIsStoredAsJson_ofAnyLength_andReadsBack() {
    TypedValue few = JsonLists.of(List.of("lead-1", "lead-2"));
    assertThat(few.getType()).isEqualTo(SpinValueType.JSON);
    assertThat(JsonLists.read(few.getValue())).containsExactly("lead-1", "lead-2");

    // 2,600 key task numbers: more than the engine's 4,000-character text column holds.
    List<String> many = IntStream.rangeClosed(1, 2600).mapToObj(String::valueOf).toList();
    assertThat(JsonLists.read(JsonLists.of(many).getValue())).isEqualTo(many);
    assertThat(JsonLists.read(JsonLists.of(List.of()).getValue())).isEmpty();
  }

  @Test
  void earlierCommaText_andARecordsList_readAlike() {
    assertThat(JsonLists.read("lead-1, lead-2,")).containsExactly("lead-1", "lead-2");
    assertThat(JsonLists.read("1,2,20".getBytes(StandardCharsets.UTF_8))).containsExactly("1", "2", "20");
    assertThat(JsonLists.read(List.of("a", " b "))).containsExactly("a", "b");
    assertThat(JsonLists.read(null)).isEmpty();
    assertThat(JsonLists.read("  ")).isEmpty();
  }

  @Test
  void aJsonValueThatIsNoList_isRefused() {
    assertThatThrownBy(() -> JsonLists.read("[1, 2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON list");
  }
}
