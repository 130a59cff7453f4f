package org.campaigndesk.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/*.bpmn}, {@code forms/*.form} and the embedded HTML forms
 * {@code forms/*.html} under names relative to the classpath root, so the names are the same from
 * the jar, from spring-boot:run and from tests. Duplicate filtering then leaves an unchanged
 * resource at its current version; a changed one alone gets a new version. (The starter's
 * auto-deployment is switched off: it names resources by absolute path outside the jar and skips
 * forms.)
 *
 * <p>Tasklist reads an embedded form ({@code embedded:deployment:forms/x.html}) from the deployment
 * of the task's process definition. The HTML forms and the processes that use them are therefore
 * deployed together, all of them whenever one of them changed: a changed form reaches new
 * instances, and running instances keep the form their process version was deployed with. An
 * HTML form is deployed with what all of them share (the kit's loader, the key task header):
 * {@link EmbeddedForms}.
 */
@Component
public class ResourceDeployment extends AbstractProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "campaign-desk";
  public static final String[] PATTERNS = {"classpath*:processes/*.bpmn", "classpath*:forms/*.form", "classpath*:forms/*.html"};
  static final String EMBEDDED_FORM_KEY = "embedded:deployment:forms/";

  private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    try {
      for (String pattern : PATTERNS) {
        String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/') + 1);
        for (Resource resource : resolver.getResources(pattern)) {
          try (InputStream in = resource.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            resources.put(folder + resource.getFilename(), resource.getFilename().endsWith(".html")
                ? EmbeddedForms.complete(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : bytes);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read BPMN or form resources", e);
    }
    Map<String, byte[]> withEmbeddedForms = new LinkedHashMap<>();
    resources.forEach((name, bytes) -> {
      if (name.endsWith(".html") || name.endsWith(".bpmn")
          && new String(bytes, StandardCharsets.UTF_8).contains(EMBEDDED_FORM_KEY)) {
        withEmbeddedForms.put(name, bytes);
      }
    });
    RepositoryService repository = processEngine.getRepositoryService();
    DeploymentBuilder filtered = builder(repository).enableDuplicateFiltering(true);
    resources.forEach((name, bytes) -> {
      if (!withEmbeddedForms.containsKey(name)) {
        filtered.addInputStream(name, new ByteArrayInputStream(bytes));
      }
    });
    if (!filtered.getResourceNames().isEmpty()) {
      filtered.deploy();
    }
    if (!withEmbeddedForms.isEmpty() && changed(repository, withEmbeddedForms)) {
      DeploymentBuilder together = builder(repository);
      withEmbeddedForms.forEach((name, bytes) -> together.addInputStream(name, new ByteArrayInputStream(bytes)));
      together.deploy();
    }
  }

  private static DeploymentBuilder builder(RepositoryService repository) {
    return repository.createDeployment().name(DEPLOYMENT_NAME).source("campaign-desk");
  }

  /** Whether any of these resources differs from (or is missing in) its latest deployed version. */
  private static boolean changed(RepositoryService repository, Map<String, byte[]> resources) {
    List<Deployment> deployments = repository.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list();
    Map<String, byte[]> pending = new LinkedHashMap<>(resources);
    for (Deployment deployment : deployments) {
      if (pending.isEmpty()) {
        return false;
      }
      for (String name : repository.getDeploymentResourceNames(deployment.getId())) {
        byte[] wanted = pending.remove(name);
        if (wanted != null) {
          try (InputStream in = repository.getResourceAsStream(deployment.getId(), name)) {
            if (!Arrays.equals(wanted, in.readAllBytes())) {
              return true;
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return !pending.isEmpty();
  }
}
