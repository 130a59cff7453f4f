package org.campaigndesk.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.campaigndesk.AbstractAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** History is cleaned up: every process has a time to live, and the cleanup job waits for its nightly window. */
class HistoryCleanupTest extends AbstractAppTest {

  @Autowired
  RepositoryService repositoryService;
  @Autowired
  HistoryService historyService;

  @Test
  void everyProcess_hasAHistoryTimeToLive() {
    List<ProcessDefinition> processes = repositoryService.createProcessDefinitionQuery().latestVersion().list();

    assertThat(processes).extracting(ProcessDefinition::getKey).contains("key-task", "annual-plan", "deadline-watch");
    assertThat(processes).allSatisfy(p -> assertThat(p.getHistoryTimeToLive()).as(p.getKey()).isNotNull().isPositive());
  }

  @Test
  void theCleanupJob_isScheduledInTheNightlyWindow() {
    List<Job> cleanup = historyService.findHistoryCleanupJobs();

    assertThat(cleanup).isNotEmpty();
    LocalTime due = cleanup.get(0).getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
    assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
  }
}
