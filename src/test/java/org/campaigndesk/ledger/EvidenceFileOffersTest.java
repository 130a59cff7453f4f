package org.campaigndesk.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.campaigndesk.audit.TaskAudit;
import org.campaigndesk.ledger.EvidenceFileReader.Parties;
import org.junit.jupiter.api.Test;

/** Those a process's tasks were offered to, for all its tasks in one query of the task audit. */
class EvidenceFileOffersTest {

  static HistoricTaskInstance task(String id, String assignee) {
    HistoricTaskInstance task = mock(HistoricTaskInstance.class);
    when(task.getId()).thenReturn(id);
    when(task.getAssignee()).thenReturn(assignee);
    return task;
  }

  @Test
  void everyTasksOffer_inOneQuery() {
    TaskAudit audit = mock(TaskAudit.class);
    when(audit.offeredGroups(anyCollection())).thenReturn(Map.of("rectify", Set.of("town1"), "verify", Set.of("inspection-team")));
    EvidenceFileReader reader = new EvidenceFileReader(mock(HistoryService.class), audit);

    Map<String, Parties> offered = reader.offered(List.of(task("rectify", null), task("verify", "inspector-wang"),
        task("decide", null)));

    assertThat(offered).containsOnly(
        Map.entry("rectify", new Parties(Set.of(), Set.of("town1"))),
        Map.entry("verify", new Parties(Set.of("inspector-wang"), Set.of("inspection-team"))),
        // Offered to no group (the audit lists none): nobody but its assignee, here none.
        Map.entry("decide", Parties.NONE));
    verify(audit, times(1)).offeredGroups(anyCollection());
    verify(audit, never()).offeredGroups(anyString());
  }
}
