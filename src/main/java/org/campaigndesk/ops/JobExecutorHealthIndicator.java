package org.campaigndesk.ops;

import org.camunda.bpm.engine.ProcessEngine;
import org.campaigndesk.kernel.JobExecutors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code jobExecutor} (replaces the starter's indicator of the same bean name): UP
 * while the job executor runs, DOWN when it should run and does not (no timer, reminder or mail
 * would happen), UNKNOWN when it is switched off by configuration. Details: open incidents, failed
 * jobs (no retries left) and jobs due now.
 */
@Component("jobExecutorHealthIndicator")
public class JobExecutorHealthIndicator extends AbstractHealthIndicator {

  private final ProcessEngine engine;
  private final boolean enabled;

  public JobExecutorHealthIndicator(ProcessEngine engine,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
    super("job executor health check failed");
    this.engine = engine;
    this.enabled = enabled;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean active = JobExecutors.isActive(engine);
    if (active) {
      builder.up();
    } else if (enabled) {
      builder.down();
    } else {
      builder.unknown().withDetail("note", "job execution is switched off (camunda.bpm.job-execution.enabled=false)");
    }
    builder.withDetail("active", active)
        .withDetail("openIncidents", engine.getRuntimeService().createIncidentQuery().count())
        .withDetail("failedJobs", engine.getManagementService().createJobQuery().noRetriesLeft().count())
        .withDetail("dueJobs", engine.getManagementService().createJobQuery().executable().count());
  }
}
