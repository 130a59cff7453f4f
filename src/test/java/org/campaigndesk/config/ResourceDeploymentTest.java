package org.campaigndesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.campaigndesk.AbstractAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ResourceDeploymentTest extends AbstractAppTest {

  @Autowired
  ResourceDeployment resourceDeployment;
  @Autowired
  RepositoryService repositoryService;

  @Autowired
  JdbcTemplate jdbc;

  /** The public API has no query for Camunda Form definitions. */
  long formDefinitions() {
    return jdbc.queryForObject("select count(*) from ACT_RE_CAMFORMDEF", Long.class);
  }

  @Test
  void processesAndFormsAreDeployedUnderStableNames() {
    // Over every deployment of the application: a start deploys what changed (forms with their processes, see ResourceDeployment).
    List<String> names = repositoryService.createDeploymentQuery().deploymentName(ResourceDeployment.DEPLOYMENT_NAME).list()
        .stream().flatMap(d -> repositoryService.getDeploymentResources(d.getId()).stream()).map(Resource::getName).toList();
    assertThat(names).contains("processes/key-task.bpmn", "forms/key-task-sign-for.form",
        "forms/key-task-implementation-plan.form", "forms/key-task-contribution.form",
        "forms/key-task-progress-report.form", "forms/key-task-completion-request.form",
        "forms/key-task-acceptance.form", "forms/key-task-rework.form");
    assertThat(names).allMatch(n -> !n.startsWith("/") && !n.contains(":"), "relative to the classpath root");
    // Tasklist reads an embedded form from the deployment of the task's process definition: they go together.
    String keyTaskDeployment = repositoryService.createProcessDefinitionQuery().processDefinitionKey("key-task").latestVersion()
        .singleResult().getDeploymentId();
    assertThat(repositoryService.getDeploymentResourceNames(keyTaskDeployment)).contains("processes/key-task.bpmn",
        "forms/key-task-implementation-plan.html", "forms/key-task-contribution.html", "forms/key-task-progress-report.html",
        "forms/key-task-completion-request.html", "forms/key-task-acceptance.html", "forms/key-task-rework.html");
    for (String process : List.of("inspection", "monthly-dispatch")) {
      String deployment = repositoryService.createProcessDefinitionQuery().processDefinitionKey(process).latestVersion()
          .singleResult().getDeploymentId();
      assertThat(repositoryService.getDeploymentResourceNames(deployment)).as(process)
          .contains("forms/inspection-record.html", "forms/dispatch-meeting.html");
    }
  }

  @Test
  void deployingUnchangedResourcesAgain_createsNoDeploymentAndNoVersion() {
    long deployments = repositoryService.createDeploymentQuery().count();
    int version = repositoryService.createProcessDefinitionQuery().processDefinitionKey("key-task").latestVersion()
        .singleResult().getVersion();
    long forms = formDefinitions();

    // What every start of the application does, against the same database.
    resourceDeployment.postProcessEngineBuild(processEngine);

    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("key-task").latestVersion()
        .singleResult().getVersion()).isEqualTo(version);
    assertThat(formDefinitions()).isEqualTo(forms).isGreaterThanOrEqualTo(7);
  }
}
