package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InChunksTest {

  static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> "id" + i).toList();
  }

  @Test
  void chunks_keepEveryIdOnceInOrder_atMostSizeEach() {
    assertThat(InChunks.of(ids(0))).isEmpty();
    assertThat(InChunks.of(ids(InChunks.SIZE))).hasSize(1);
    List<List<String>> chunks = InChunks.of(ids(2 * InChunks.SIZE + 1));
    assertThat(chunks).extracting(List::size).containsExactly(InChunks.SIZE, InChunks.SIZE, 1);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(ids(2 * InChunks.SIZE + 1));
  }

  @Test
  void forEach_asksOncePerChunk_withArrays() {
    List<String[]> asked = new ArrayList<>();
    InChunks.forEach(ids(InChunks.SIZE + 2).toArray(String[]::new), asked::add);
    assertThat(asked).extracting(a -> a.length).containsExactly(InChunks.SIZE, 2);
    assertThat(asked.get(1)).containsExactly("id" + InChunks.SIZE, "id" + (InChunks.SIZE + 1));
    InChunks.forEach(List.<String>of(), asked::add);
    assertThat(asked).hasSize(2);
  }

  @Test
  void chunksOfAGivenSize_andASizeBelowOne_isRefusedNamingIt() {
    assertThat(InChunks.of(ids(41), 20)).extracting(List::size).containsExactly(20, 20, 1);
    assertThat(InChunks.of(ids(20), 20)).hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InChunks.of(ids(3), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
  }
}
