package org.campaigndesk.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Jobs of the application's own ({@link DeferredWork}): scheduled in the caller's transaction, so
 * they exist exactly when what decided on them was committed, and run later by the job executor
 * in a transaction of their own (one connection). A failure is retried after 1, 5 and 30 minutes,
 * then the job becomes an incident; resolving it (setting retries) runs it again.
 *
 * <p>The job carries the process instance it is about (Cockpit shows it there; tests run it with
 * the instance's jobs) but no execution, so it outlives the instance: work decided on is done
 * even when the process ends meanwhile. Work about the instance alone can be attached to it instead
 * ({@link #scheduleInInstance}).
 */
@Component
public class DeferredJobs extends AbstractProcessEnginePlugin {

  public static final String HANDLER_TYPE = "campaign-desk-deferred";
  /** The waits before the retries; the first run and these make four attempts. */
  static final List<Duration> RETRY_WAITS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));

  private final ObjectProvider<DeferredWork> works;
  private ProcessEngineConfigurationImpl engine;

  public DeferredJobs(ObjectProvider<DeferredWork> works) {
    this.works = works;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.engine = configuration;
    List<JobHandler> handlers = configuration.getCustomJobHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomJobHandlers());
    handlers.add(new Handler());
    configuration.setCustomJobHandlers(handlers);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    FailedJobCommandFactory standard = configuration.getFailedJobCommandFactory();
    configuration.setFailedJobCommandFactory((jobId, exception) -> context -> {
      JobEntity job = context.getJobManager().findJobById(jobId);
      if (job != null && HANDLER_TYPE.equals(job.getJobHandlerType())) {
        return new RetryWithWaits(jobId, exception).execute(context);
      }
      return standard.getCommand(jobId, exception).execute(context);
    });
  }

  /**
   * Schedules {@code type}'s work with {@code configuration} in the current transaction (the
   * engine's command if one runs, else a new command that joins the caller's Spring transaction).
   */
  public void schedule(String type, String configuration, String processInstanceId, String tenantId) {
    schedule(type, configuration, processInstanceId, tenantId, null);
  }

  /** As {@link #schedule(String, String, String, String)}, run not before {@code notBefore} (null: at once). */
  public void schedule(String type, String configuration, String processInstanceId, String tenantId, java.util.Date notBefore) {
    schedule(type, configuration, processInstanceId, tenantId, notBefore, true);
  }

  /**
   * As {@link #schedule(String, String, String, String)} for work that touches other instances than the
   * one it is shown on (e.g. a plan's calendar): the job executor runs several such jobs of one
   * instance side by side instead of one after another (the engine runs an instance's exclusive jobs
   * one at a time).
   */
  public void scheduleNonExclusive(String type, String configuration, String processInstanceId, String tenantId) {
    schedule(type, configuration, processInstanceId, tenantId, null, false);
  }

  /**
   * As {@link #schedule(String, String, String, String)} for work about the running process instance
   * {@code processInstanceId} only, attached to it: it ends with the instance, and when it fails for
   * good its incident is the instance's (Cockpit shows it on the instance; the incident of a job without
   * an execution names no instance). Returns false, scheduling nothing, when the instance has ended.
   * Must run in an engine command.
   */
  public boolean scheduleInInstance(String type, String configuration, String processInstanceId, String tenantId) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      throw new IllegalStateException("scheduleInInstance runs in an engine command");
    }
    ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
    if (instance == null) {
      return false;
    }
    MessageEntity job = job(type, configuration, processInstanceId, tenantId, null, true);
    job.setExecutionId(instance.getId());
    job.setProcessDefinitionId(instance.getProcessDefinitionId());
    job.setProcessDefinitionKey(instance.getProcessDefinition().getKey());
    if (instance.isSuspended()) {
      job.setSuspensionState(instance.getSuspensionState());
    }
    context.getJobManager().send(job);
    return true;
  }

  private MessageEntity job(String type, String configuration, String processInstanceId, String tenantId, java.util.Date notBefore,
      boolean exclusive) {
    if (configuration.length() + type.length() + 1 > 4000) {
      throw new IllegalArgumentException("deferred work configuration too long");
    }
    MessageEntity job = new MessageEntity();
    job.setJobHandlerType(HANDLER_TYPE);
    job.setJobHandlerConfigurationRaw(configurationPrefix(type) + configuration);
    job.setProcessInstanceId(processInstanceId);
    job.setTenantId(tenantId);
    job.setRetries(RETRY_WAITS.size() + 1);
    job.setDuedate(notBefore);
    job.setExclusive(exclusive);
    return job;
  }

  private void schedule(String type, String configuration, String processInstanceId, String tenantId, java.util.Date notBefore,
      boolean exclusive) {
    MessageEntity job = job(type, configuration, processInstanceId, tenantId, notBefore, exclusive);
    Command<Void> insert = context -> {
      context.getJobManager().send(job);
      return null;
    };
    CommandContext current = Context.getCommandContext();
    if (current != null) {
      insert.execute(current);
    } else {
      engine.getCommandExecutorTxRequired().execute(insert);
    }
  }

  /** The deferred job this thread's engine command runs ({@link CurrentJob}), or null when none runs. */
  public static Job currentJob() {
    Job job = CurrentJob.get();
    return job instanceof JobEntity entity && HANDLER_TYPE.equals(entity.getJobHandlerType()) ? job : null;
  }

  /** How a job's handler configuration starts for work of {@code type}: the work's own configuration follows. */
  public static String configurationPrefix(String type) {
    return type + ":";
  }

  private final class Handler implements JobHandler<Raw> {
    @Override
    public String getType() {
      return HANDLER_TYPE;
    }

    @Override
    public void execute(Raw configuration, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
      String raw = configuration.toCanonicalString();
      int colon = raw.indexOf(':');
      String type = raw.substring(0, colon);
      DeferredWork work = works.orderedStream().filter(w -> w.type().equals(type)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no deferred work of type '" + type + "'"));
      work.run(raw.substring(colon + 1));
    }

    @Override
    public Raw newConfiguration(String canonicalString) {
      return new Raw(canonicalString);
    }

    @Override
    public void onDelete(Raw configuration, JobEntity jobEntity) {
      // Nothing is held for the job outside its row.
    }
  }

  private record Raw(String value) implements JobHandlerConfiguration {
    @Override
    public String toCanonicalString() {
      return value;
    }
  }

  /** Counts a retry down and moves the job to the next wait; at none left the engine raises the incident. */
  private static final class RetryWithWaits extends JobRetryCmd {
    RetryWithWaits(String jobId, Throwable exception) {
      super(jobId, exception);
    }

    @Override
    public Object execute(CommandContext commandContext) {
      JobEntity job = getJob();
      if (job == null) {
        return null;
      }
      job.unlock();
      logException(job);
      decrementRetries(job);
      int left = job.getRetries();
      if (left > 0 && left <= RETRY_WAITS.size()) {
        Duration wait = RETRY_WAITS.get(RETRY_WAITS.size() - left);
        job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + wait.toMillis()));
      }
      notifyAcquisition(commandContext);
      return null;
    }
  }
}
