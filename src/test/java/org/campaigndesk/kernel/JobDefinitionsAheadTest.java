package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.campaigndesk.AbstractAppTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The job definitions read ahead are what the engine would read one by one: every field the job
 * takes from its definition (a suspended definition's jobs are made suspended), for the latest
 * version of each process only.
 */
class JobDefinitionsAheadTest extends AbstractAppTest {

  @Autowired
  ManagementService managementService;
  @Autowired
  RepositoryService repositoryService;

  List<JobDefinitionEntity> readAhead() {
    return OneEngineCommand.run(processEngine, () -> {
      JobDefinitionsAhead.readLatest();
      return Context.getCommandContext().getDbEntityManager().getCachedEntitiesByType(JobDefinitionEntity.class);
    });
  }

  @Test
  void theLatestVersionsDefinitions_asTheEngineReadsThem() {
    ProcessDefinition annualPlan = repositoryService.createProcessDefinitionQuery().processDefinitionKey("annual-plan")
        .latestVersion().singleResult();
    List<JobDefinition> stored = managementService.createJobDefinitionQuery().processDefinitionId(annualPlan.getId()).list();
    assertThat(stored).isNotEmpty();
    String suspended = stored.get(0).getId();
    managementService.suspendJobDefinitionById(suspended);
    try {
      Map<String, JobDefinitionEntity> read = readAhead().stream()
          .collect(Collectors.toMap(JobDefinitionEntity::getId, Function.identity()));
      for (JobDefinition definition : managementService.createJobDefinitionQuery().processDefinitionId(annualPlan.getId()).list()) {
        JobDefinitionEntity ahead = read.get(definition.getId());
        assertThat(ahead).as(definition.getActivityId()).isNotNull();
        assertThat(ahead.getProcessDefinitionId()).isEqualTo(definition.getProcessDefinitionId());
        assertThat(ahead.getProcessDefinitionKey()).isEqualTo(definition.getProcessDefinitionKey());
        assertThat(ahead.getActivityId()).isEqualTo(definition.getActivityId());
        assertThat(ahead.getJobType()).isEqualTo(definition.getJobType());
        assertThat(ahead.getJobConfiguration()).isEqualTo(definition.getJobConfiguration());
        assertThat(ahead.getOverridingJobPriority()).isEqualTo(definition.getOverridingJobPriority());
        assertThat(ahead.isSuspended()).isEqualTo(definition.isSuspended()).isEqualTo(definition.getId().equals(suspended));
        assertThat(ahead.getTenantId()).isEqualTo(definition.getTenantId());
        assertThat(ahead.getDeploymentId()).isEqualTo(definition.getDeploymentId());
      }
      // Older versions' definitions are not read ahead (their jobs read their own).
      List<String> latestIds = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
          .map(ProcessDefinition::getId).toList();
      assertThat(read.values()).allMatch(d -> latestIds.contains(d.getProcessDefinitionId()));
    } finally {
      managementService.activateJobDefinitionById(suspended);
    }
  }
}
