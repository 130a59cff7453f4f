package org.campaigndesk.kernel;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

/** Whether the engine's job executor is running: the engine offers this only through its internals. */
public final class JobExecutors {

  private JobExecutors() {}

  public static boolean isActive(ProcessEngine engine) {
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    return jobExecutor != null && jobExecutor.isActive();
  }
}
