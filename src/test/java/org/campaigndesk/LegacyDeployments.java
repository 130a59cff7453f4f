package org.campaigndesk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * A database as an earlier version left it: a process deployed as it was then (copies under
 * {@code legacy-main/}, or today's text changed), instances started on it, then today's deployment
 * of the process again on top (all its resources, the embedded forms too), as a start-up deploys it.
 * {@link #remove()} deletes these deployments with their instances, so that the application's own
 * deployment is the latest again for later tests of the shared context.
 */
public final class LegacyDeployments {

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final List<String> deployments = new ArrayList<>();

  public LegacyDeployments(RepositoryService repositoryService, RuntimeService runtimeService) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
  }

  /** Deploys {@code resources} as {@code legacy-main/} holds them; returns the definition of {@code key} in it. */
  public ProcessDefinition old(String key, String... resources) {
    return from("legacy-main", key, resources);
  }

  /** Deploys {@code resources} as the test resources' {@code folder/} holds them (a version before today's). */
  public ProcessDefinition from(String folder, String key, String... resources) {
    DeploymentBuilder old = repositoryService.createDeployment().name(folder);
    for (String resource : resources) {
      old.addInputStream(resource, read(folder + "/" + resource));
    }
    return definition(old, key);
  }

  /** Deploys texts (resource name to content) as an earlier or a later version had them. */
  public ProcessDefinition texts(String key, Map<String, String> resources) {
    DeploymentBuilder builder = repositoryService.createDeployment().name("legacy-main");
    resources.forEach(builder::addString);
    return definition(builder, key);
  }

  /** Today's deployment of {@code key} deployed again: today's version is the latest. */
  public ProcessDefinition today(String key) {
    ProcessDefinition current = applications(key);
    DeploymentBuilder today = repositoryService.createDeployment().name("campaign-desk");
    for (String resource : repositoryService.getDeploymentResourceNames(current.getDeploymentId())) {
      today.addInputStream(resource, repositoryService.getResourceAsStream(current.getDeploymentId(), resource));
    }
    return definition(today, key);
  }

  /** The text of today's {@code resource} as the application deployed it. */
  public String todaysText(String key, String resource) {
    try (InputStream in = repositoryService.getResourceAsStream(applications(key).getDeploymentId(), resource)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ProcessDefinition latest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().latestVersion().singleResult();
  }

  public String definitionOf(String processInstanceId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult().getProcessDefinitionId();
  }

  /** Deletes the deployments made here, newest first, with their instances. */
  public void remove() {
    Collections.reverse(deployments);
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true, true));
    deployments.clear();
  }

  /** The latest definition of {@code key} that none of this helper's deployments made. */
  private ProcessDefinition applications(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId()
        .orderByProcessDefinitionVersion().desc().list().stream().filter(d -> !deployments.contains(d.getDeploymentId()))
        .findFirst().orElseThrow();
  }

  private ProcessDefinition definition(DeploymentBuilder builder, String key) {
    String id = builder.deploy().getId();
    deployments.add(id);
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).processDefinitionKey(key).singleResult();
  }

  static InputStream read(String resource) {
    InputStream in = LegacyDeployments.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new UncheckedIOException(new IOException("no resource " + resource));
    }
    return in;
  }
}
