package org.campaigndesk.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys {@code processes/*.bpmn} and {@code forms/*.form} under names relative to the classpath
 * root, so the names are the same from the jar, from spring-boot:run and from tests. Duplicate
 * filtering then leaves an unchanged resource at its current version; a changed one alone gets a
 * new version. (The starter's auto-deployment is switched off: it names resources by absolute path
 * outside the jar and skips forms.)
 */
@Component
public class ResourceDeployment extends AbstractProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "campaign-desk";
  public static final String[] PATTERNS = {"classpath*:processes/*.bpmn", "classpath*:forms/*.form"};

  private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    DeploymentBuilder deployment = processEngine.getRepositoryService()
        .createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("campaign-desk")
        .enableDuplicateFiltering(true);
    try {
      for (String pattern : PATTERNS) {
        String folder = pattern.substring("classpath*:".length(), pattern.indexOf('/') + 1);
        for (Resource resource : resolver.getResources(pattern)) {
          try (InputStream in = resource.getInputStream()) {
            deployment.addInputStream(folder + resource.getFilename(), in);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read BPMN or form resources", e);
    }
    if (!deployment.getResourceNames().isEmpty()) {
      deployment.deploy();
    }
  }
}
