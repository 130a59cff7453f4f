package org.campaigndesk.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.SuccessfulJobListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What the application keeps of the engine's work itself, since history level audit writes neither
 * variable updates (ACT_HI_DETAIL) nor the job log: every change of a process variable after its
 * instance started, handed to the {@link VariableChangeListener}s (the ledger's "recorded" values),
 * and how many job executions succeeded and failed on this node (the Prometheus counters). The
 * engine offers both only through its internals: a history event handler (audit produces the
 * variable events, it just does not store their details) and a command interceptor around the
 * commands that close a job execution, whether the job executor or {@code executeJob} ran it.
 */
@Component
public class EngineTaps extends AbstractProcessEnginePlugin {

  /**
   * A value a process variable took. {@code type} is the engine's serializer name (one of
   * {@link #KEPT_TYPES}); {@code text} holds strings and JSON/XML.
   */
  public record VariableChange(String processInstanceId, String executionId, String name, int revision, Date time,
      String type, String text, Long longValue, Double doubleValue) {}

  /** Told of each variable change within the engine's transaction (so it is stored or not with it). */
  public interface VariableChangeListener {
    void changed(VariableChange change);
  }

  /** The engine's bookkeeping of multi-instance loops: changes with every instance, never shown. */
  public static final Set<String> LOOP_VARIABLES = Set.of("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances",
      "loopCounter");
  private static final Set<String> TEXT_IN_BYTES = Set.of("json", "xml");
  /** The types whose values are kept: those the ledger shows (not files, bytes or serialized objects, not null). */
  public static final Set<String> KEPT_TYPES = Set.of("string", "long", "integer", "short", "double", "boolean", "date",
      "json", "xml");

  private final ObjectProvider<VariableChangeListener> listeners;
  private final AtomicLong jobsSucceeded = new AtomicLong();
  private final AtomicLong jobsFailed = new AtomicLong();

  public EngineTaps(ObjectProvider<VariableChangeListener> listeners) {
    this.listeners = listeners;
  }

  /** Job executions that succeeded on this node since it started. */
  public long jobsSucceeded() {
    return jobsSucceeded.get();
  }

  /** Job executions that failed on this node since it started (each retry counted). */
  public long jobsFailed() {
    return jobsFailed.get();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new VariableChanges());
    configuration.setCustomHistoryEventHandlers(handlers);
    List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new JobOutcomes());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  /**
   * The instances started in each running command: what is set in the transaction that starts an
   * instance is what it was started with (a called instance's inputs too, which the engine does
   * not mark as initial), in its row already. A command context is forgotten when it closes (weak
   * keys besides).
   */
  private final ThreadLocal<Map<CommandContext, Set<String>>> startedInCommand = ThreadLocal.withInitial(WeakHashMap::new);

  /** The variable change an engine history event describes; null for other events and for values set at the instance's start. */
  VariableChange changeOf(HistoryEvent event) {
    CommandContext command = Context.getCommandContext();
    if (event instanceof HistoricProcessInstanceEventEntity
        && HistoryEventTypes.PROCESS_INSTANCE_START.getEventName().equals(event.getEventType()) && command != null) {
      Map<CommandContext, Set<String>> started = startedInCommand.get();
      started.computeIfAbsent(command, c -> {
        c.registerCommandContextListener(new CommandContextListener() {
          @Override
          public void onCommandContextClose(CommandContext closed) {
            started.remove(closed);
          }

          @Override
          public void onCommandFailed(CommandContext failed, Throwable t) {
            started.remove(failed);
          }
        });
        return new HashSet<>();
      }).add(event.getProcessInstanceId());
      return null;
    }
    if (!(event instanceof HistoricVariableUpdateEventEntity update) || update.getProcessInstanceId() == null
        || update.getTaskId() != null || Boolean.TRUE.equals(update.isInitial()) || LOOP_VARIABLES.contains(update.getVariableName())
        || (command != null && startedInCommand.get().getOrDefault(command, Set.of()).contains(update.getProcessInstanceId()))
        || !KEPT_TYPES.contains(update.getSerializerName())
        || !(HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName().equals(update.getEventType())
            || HistoryEventTypes.VARIABLE_INSTANCE_UPDATE.getEventName().equals(update.getEventType()))) {
      return null;
    }
    String type = update.getSerializerName();
    String text = update.getTextValue();
    if (TEXT_IN_BYTES.contains(type) && update.getByteValue() != null) {
      text = new String(update.getByteValue(), StandardCharsets.UTF_8);
    }
    return new VariableChange(update.getProcessInstanceId(), update.getExecutionId(), update.getVariableName(),
        update.getRevision(), update.getTimestamp(), type, text, update.getLongValue(), update.getDoubleValue());
  }

  private final class VariableChanges implements HistoryEventHandler {
    @Override
    public void handleEvent(HistoryEvent event) {
      VariableChange change = changeOf(event);
      if (change != null) {
        listeners.orderedStream().forEach(l -> l.changed(change));
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }

  private final class JobOutcomes extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      T result = next.execute(command);
      if (command instanceof SuccessfulJobListener) {
        jobsSucceeded.incrementAndGet();
      } else if (command instanceof FailedJobListener) {
        jobsFailed.incrementAndGet();
      }
      return result;
    }
  }
}
