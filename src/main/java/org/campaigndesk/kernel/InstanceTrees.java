package org.campaigndesk.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.runtime.CorrelationHandlerResult;
import org.camunda.bpm.engine.impl.runtime.CorrelationSet;
import org.camunda.bpm.engine.impl.runtime.DefaultCorrelationHandler;
import org.springframework.stereotype.Component;

/**
 * Several process instances' execution trees read for one command in a few queries, for work that then
 * does the same to each of them (a month's openings in 20 key tasks): their executions, event
 * subscriptions and variables, one select each for all, and the byte arrays of the variables named.
 * The engine would read them instance by instance, as each message arrives: the executions waiting
 * for it (a query), the waiting execution's event subscriptions and its children, the instance's
 * variables and a variable's byte array, five selects per instance that its entity cache does not
 * serve (it answers lookups by id only, lists always go to the database).
 *
 * <p>Each tree is put together as the engine does with its own tree prefetch
 * ({@link ExecutionEntity#restoreProcessInstance}, children and variables), and its executions' event
 * subscriptions are set where some were read; the byte arrays are cached entities, which the engine's
 * lookup by id finds. A message correlated to one of these instances by id alone
 * ({@link Correlation}, this engine's correlation handler) is answered from the subscriptions read
 * instead of the engine's query: the same executions (active, not deleted in this command, holding a
 * subscription of the message), in the same order. The reads are of the same transaction, only earlier
 * in it, and the rows the work changes are written with their revisions checked as before.
 */
@Component
public class InstanceTrees extends AbstractProcessEnginePlugin {

  private static final String MAPPER = "org/campaigndesk/kernel/InstanceTrees.xml";
  private static final String NAMESPACE = "org.campaigndesk.kernel.InstanceTrees.";
  private static final Field EVENT_SUBSCRIPTIONS = field(ExecutionEntity.class, "eventSubscriptions");

  /** What this command read ahead: per instance restored, its event subscriptions as read. */
  private record ReadAhead(CommandContext command, Map<String, List<EventSubscriptionEntity>> subscriptions) {}

  private static final DuringRun<ReadAhead> READ_AHEAD = new DuringRun<>();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    java.util.Objects.requireNonNull(EVENT_SUBSCRIPTIONS, "ExecutionEntity.eventSubscriptions");
    if (configuration.getCorrelationHandler() == null) {
      configuration.setCorrelationHandler(new Correlation());
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    org.apache.ibatis.session.Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      if (mybatis.isResourceLoaded(MAPPER)) {
        return; // an engine sharing its MyBatis configuration with one started before
      }
      try (InputStream mapper = InstanceTrees.class.getClassLoader().getResourceAsStream(MAPPER)) {
        new XMLMapperBuilder(java.util.Objects.requireNonNull(mapper, MAPPER), mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new IllegalStateException("reading " + MAPPER + " failed", e);
      }
    }
  }

  /**
   * Runs {@code work} with the trees of {@code instanceIds} read now (those that still run): their
   * executions, event subscriptions and variables, and the byte arrays of their variables named
   * {@code byteArraysOf}, one select each for all instances. An instance of which this command holds
   * an execution already is left to the engine (its lists may be loaded in part). Must run inside an
   * engine command; outside one, {@code work} runs as it is.
   */
  public static void readingAhead(Collection<String> instanceIds, Collection<String> byteArraysOf, Runnable work) {
    CommandContext command = Context.getCommandContext();
    if (command == null || instanceIds.isEmpty()) {
      work.run();
      return;
    }
    DbEntityManager db = command.getDbEntityManager();
    Set<String> held = new HashSet<>();
    db.getDbEntityCache().getEntitiesByType(ExecutionEntity.class).forEach(execution -> held.add(execution.getProcessInstanceId()));
    List<String> ids = instanceIds.stream().distinct().filter(id -> !held.contains(id)).toList();
    Map<String, List<EventSubscriptionEntity>> restored = new HashMap<>();
    if (!ids.isEmpty()) {
      Map<String, List<ExecutionEntity>> trees = byInstance(select(db, "selectExecutionsOfProcessInstances", ids),
          ExecutionEntity::getProcessInstanceId);
      if (!trees.isEmpty()) {
        List<String> running = new ArrayList<>(trees.keySet());
        Map<String, List<EventSubscriptionEntity>> subscriptions = byInstance(
            select(db, "selectEventSubscriptionsOfProcessInstances", running), EventSubscriptionEntity::getProcessInstanceId);
        List<VariableInstanceEntity> variables = select(db, "selectVariablesOfProcessInstances", running);
        readByteArrays(db, variables, byteArraysOf);
        Map<String, List<VariableInstanceEntity>> variablesOf = byInstance(variables, VariableInstanceEntity::getProcessInstanceId);
        trees.forEach((id, tree) -> {
          List<EventSubscriptionEntity> ofInstance = subscriptions.getOrDefault(id, List.of());
          if (restore(tree, ofInstance, variablesOf.getOrDefault(id, List.of()))) {
            restored.put(id, ofInstance);
          }
        });
      }
    }
    READ_AHEAD.run(new ReadAhead(command, restored), work);
  }

  /** The byte arrays of the variables named, into the entity cache: each variable's lookup of its own by id finds it there. */
  private static void readByteArrays(DbEntityManager db, List<VariableInstanceEntity> variables, Collection<String> names) {
    List<String> ids = variables.stream().filter(v -> names.contains(v.getName()) && v.getByteArrayValueId() != null)
        .map(VariableInstanceEntity::getByteArrayValueId).filter(id -> db.getCachedEntity(ByteArrayEntity.class, id) == null)
        .distinct().toList();
    if (!ids.isEmpty()) {
      db.selectList("selectByteArrays", ids); // the engine's own statement (by a list of ids)
    }
  }

  /**
   * One instance's tree from its executions as read (one select: a consistent set), its subscriptions
   * and variables; false (left to the engine's own reads) when an execution's parent is not among them.
   */
  private static boolean restore(List<ExecutionEntity> tree, List<EventSubscriptionEntity> subscriptions, List<VariableInstanceEntity> variables) {
    ExecutionEntity instance = null;
    Map<String, ExecutionEntity> byId = new HashMap<>();
    for (ExecutionEntity execution : tree) {
      byId.put(execution.getId(), execution);
      if (execution.isProcessInstanceExecution()) {
        instance = execution;
      }
    }
    if (instance == null || tree.stream().anyMatch(e -> !e.isProcessInstanceExecution() && !byId.containsKey(e.getParentId()))) {
      return false;
    }
    // Children, parents and variables as the engine's tree prefetch sets them; event subscriptions below.
    instance.restoreProcessInstance(tree, null, variables, null, null, null, null);
    Map<String, List<EventSubscriptionEntity>> byExecution = new HashMap<>();
    for (EventSubscriptionEntity subscription : subscriptions) {
      if (byId.containsKey(subscription.getExecutionId())) {
        byExecution.computeIfAbsent(subscription.getExecutionId(), id -> new ArrayList<>()).add(subscription);
      }
    }
    // Set only where some were read and the engine has none loaded: an execution that has none keeps what the
    // engine made of its row (an empty list, or none yet), so that its row is not written again for a changed
    // flag of its cached state (ExecutionEntity.getCachedEntityState, part of what the engine compares at flush).
    byExecution.forEach((id, ofExecution) -> {
      ExecutionEntity execution = byId.get(id);
      if (get(execution) == null) {
        set(execution, ofExecution);
      }
    });
    return true;
  }

  /**
   * The executions of a read-ahead instance that a message correlated by its process instance id alone
   * reaches, as the engine's query finds them (DefaultCorrelationHandler: the instance's active executions
   * holding a subscription of the message, not deleted in this command, by id); null when this command
   * did not read the instance ahead or the correlation names more (business key, keys, tenant) or a
   * tenant check applies.
   */
  static List<ExecutionEntity> waitingFor(CommandContext command, String messageName, CorrelationSet correlation) {
    ReadAhead ahead = READ_AHEAD.get();
    if (ahead == null || ahead.command() != command || messageName == null || correlation.getProcessInstanceId() == null
        || correlation.getBusinessKey() != null || !empty(correlation.getCorrelationKeys()) || !empty(correlation.getLocalCorrelationKeys())
        || correlation.isTenantIdSet() || command.getTenantManager().isTenantCheckEnabled()) {
      return null;
    }
    List<EventSubscriptionEntity> subscriptions = ahead.subscriptions().get(correlation.getProcessInstanceId());
    if (subscriptions == null) {
      return null;
    }
    DbEntityManager db = command.getDbEntityManager();
    TreeMap<String, ExecutionEntity> waiting = new TreeMap<>();
    for (EventSubscriptionEntity subscription : subscriptions) {
      if (EventType.MESSAGE.name().equals(subscription.getEventType()) && messageName.equals(subscription.getEventName())) {
        ExecutionEntity execution = db.getCachedEntity(ExecutionEntity.class, subscription.getExecutionId());
        if (execution != null && !db.isDeleted(execution) && execution.getSuspensionState() == SuspensionState.ACTIVE.getStateCode()) {
          waiting.put(execution.getId(), execution);
        }
      }
    }
    return new ArrayList<>(waiting.values());
  }

  /** The engine's correlation handler, answering from the trees read ahead where it can ({@link #waitingFor}). */
  static final class Correlation extends DefaultCorrelationHandler {
    @Override
    protected List<CorrelationHandlerResult> correlateMessageToExecutions(CommandContext command, String messageName, CorrelationSet correlation) {
      List<ExecutionEntity> waiting = waitingFor(command, messageName, correlation);
      if (waiting == null) {
        return super.correlateMessageToExecutions(command, messageName, correlation);
      }
      List<CorrelationHandlerResult> results = new ArrayList<>(waiting.size());
      waiting.forEach(execution -> results.add(CorrelationHandlerResult.matchedExecution(execution)));
      return results;
    }
  }

  private static boolean empty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> select(DbEntityManager db, String statement, List<String> instanceIds) {
    return db.selectList(NAMESPACE + statement, instanceIds);
  }

  private static <T> Map<String, List<T>> byInstance(List<T> entities, java.util.function.Function<T, String> instance) {
    Map<String, List<T>> grouped = new LinkedHashMap<>();
    entities.forEach(entity -> grouped.computeIfAbsent(instance.apply(entity), id -> new ArrayList<>()).add(entity));
    return grouped;
  }

  @SuppressWarnings("unchecked")
  private static List<EventSubscriptionEntity> get(ExecutionEntity execution) {
    try {
      return (List<EventSubscriptionEntity>) EVENT_SUBSCRIPTIONS.get(execution);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the engine's event subscriptions cannot be reached", e);
    }
  }

  private static void set(ExecutionEntity execution, List<EventSubscriptionEntity> subscriptions) {
    try {
      EVENT_SUBSCRIPTIONS.set(execution, subscriptions);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("the engine's event subscriptions cannot be reached", e);
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("the engine's " + type.getSimpleName() + " has no " + name + " field", e);
    }
  }
}
