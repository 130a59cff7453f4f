package org.campaigndesk.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.campaigndesk.kernel.ShownLines;
import org.campaigndesk.task.JsonVariables;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.Test;

/** A campaign's assignments in chunks: each chunk a job's worth, in order, as text that fits a variable's row. */
class CampaignChunksTest {

  final Campaigns campaigns = new Campaigns();

  VariableScope campaign(int items, int unitsEach, int titleLength) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < items; i++) {
      json.append(i == 0 ? "" : ",").append("{\"title\":\"").append(("第" + i + "项").repeat(titleLength / 3 + 1), 0, titleLength)
          .append("\",\"units\":[");
      for (int u = 0; u < unitsEach; u++) {
        json.append(u == 0 ? "" : ",").append("{\"id\":\"u").append(u).append("\",\"name\":\"单位").append(u).append("\"}");
      }
      json.append("]}");
    }
    VariableScope scope = mock(VariableScope.class);
    when(scope.getVariable(CampaignVariables.CAMPAIGN_ITEMS)).thenReturn(json.append("]").toString());
    return scope;
  }

  List<Object> unchunked(List<Object> chunks) {
    List<Object> all = new ArrayList<>();
    chunks.forEach(chunk -> all.addAll(campaigns.assignmentsOf(chunk)));
    return all;
  }

  @Test
  void fortyItems_areChunksOfSixteen_inOrder() {
    VariableScope scope = campaign(10, 4, 12);
    List<Object> chunks = campaigns.chunks(scope);
    assertThat(chunks).hasSize(3).allSatisfy(chunk -> assertThat(chunk).isInstanceOf(String.class));
    assertThat(chunks).extracting(chunk -> campaigns.assignmentsOf(chunk).size()).containsExactly(16, 16, 8);
    assertThat(unchunked(chunks)).isEqualTo(campaigns.assignments(scope));
  }

  @Test
  void longTitles_endAChunkBeforeItsTextOutgrowsTheRow() {
    VariableScope scope = campaign(12, 2, 600);
    List<Object> chunks = campaigns.chunks(scope);
    assertThat(chunks).hasSizeGreaterThan(2)
        .allSatisfy(chunk -> assertThat(((String) chunk).length()).isLessThanOrEqualTo(ShownLines.MAX_CHARACTERS));
    assertThat(unchunked(chunks)).isEqualTo(campaigns.assignments(scope));
  }

  @Test
  void anAssignmentTooLongForTheRow_isAChunkOfItsOwn_asTypedJson() {
    VariableScope scope = campaign(2, 1, ShownLines.MAX_CHARACTERS);
    List<Object> chunks = campaigns.chunks(scope);
    assertThat(chunks).hasSize(2).allSatisfy(chunk -> assertThat(chunk).isInstanceOf(SpinJsonNode.class));
    assertThat(unchunked(chunks)).extracting(JsonVariables::text)
        .isEqualTo(campaigns.assignments(scope).stream().map(JsonVariables::text).toList());
  }

  @Test
  void aChunkThatIsNoList_isRefused_namingTheVariable() {
    assertThatThrownBy(() -> campaigns.assignmentsOf("{\"item\":0}")).hasMessageContaining("itemChunk");
    assertThatThrownBy(() -> campaigns.assignmentsOf("[")).hasMessageContaining("itemChunk");
    assertThatThrownBy(() -> campaigns.assignmentsOf(null)).hasMessageContaining("itemChunk");
  }
}
