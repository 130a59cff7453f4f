package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.at;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.Statements;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.runtime.CorrelationHandlerResult;
import org.camunda.bpm.engine.impl.runtime.CorrelationSet;
import org.camunda.bpm.engine.impl.runtime.DefaultCorrelationHandler;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Key tasks' trees read ahead for one command: a message correlated by instance id finds the executions
 * the engine's own query finds, and what an opening reads of a tree (the waiting execution's event
 * subscriptions and children, the instance's variables, the key task's record) needs no further select.
 */
class InstanceTreesTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;

  /** The test plan's key tasks in April: 1 with its month open, 2 suspended, 3 and 4 waiting; each message of each. */
  @Test
  void aCorrelationByInstance_findsWhatTheEnginesQueryFinds_andTheTreesNeedNoFurtherSelect() {
    ClockUtil.setCurrentTime(at("2026-03-25T09:00:00+08:00"));
    planId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    MonthlyReports.openIn(runtimeService, keyTask(1).getId());
    runtimeService.suspendProcessInstanceById(keyTask(2).getId());
    List<String> keyTasks = List.of(keyTask(1).getId(), keyTask(2).getId(), keyTask(3).getId(), keyTask(4).getId());
    Map<String, List<String>> messages = new LinkedHashMap<>();
    for (String keyTask : keyTasks) {
      messages.put(keyTask, runtimeService.createEventSubscriptionQuery().processInstanceId(keyTask).eventType("message").list()
          .stream().map(EventSubscription::getEventName).distinct().toList());
      assertThat(messages.get(keyTask)).as("key task %s waits for messages", keyTask).isNotEmpty();
    }
    assertThat(messages.get(keyTasks.get(0))).contains("MonthlyReportDue");

    command(command -> InstanceTrees.readingAhead(keyTasks, List.of("keyTask"), () -> {
      for (String keyTask : keyTasks) {
        for (String message : messages.get(keyTask)) {
          CorrelationSet correlation = correlation(message, keyTask);
          List<ExecutionEntity> readAhead = InstanceTrees.waitingFor(command, message, correlation);
          assertThat(readAhead).as("%s in %s, read ahead", message, keyTask).isNotNull();
          assertThat(ids(readAhead)).as("%s in %s", message, keyTask).isEqualTo(ids(engines(command, message, correlation)));
        }
      }
      // The suspended key task's executions do not receive a message, read ahead or not.
      assertThat(InstanceTrees.waitingFor(command, "MonthlyReportDue", correlation("MonthlyReportDue", keyTasks.get(1)))).isEmpty();
      // What an opening reads of each tree is there: no select.
      Statements.Counted<Void> reads = Statements.count(() -> {
        for (String keyTask : keyTasks) {
          for (String message : messages.get(keyTask)) {
            for (ExecutionEntity waiting : InstanceTrees.waitingFor(command, message, correlation(message, keyTask))) {
              waiting.getEventSubscriptions();
              waiting.getExecutions();
            }
          }
          ExecutionEntity instance = command.getExecutionManager().findExecutionById(keyTask);
          assertThat(instance.getVariable("keyTask")).as("the record of %s", keyTask).isNotNull();
          instance.getVariableNames();
        }
      });
      assertThat(reads.total()).as(reads.sql().toString()).isZero();
    }));
  }

  /** A tree this command holds already (in part) is left to the engine: its correlation queries as ever. */
  @Test
  void aTreeTheCommandHoldsAlready_isNotReadAhead() {
    ClockUtil.setCurrentTime(at("2026-03-25T09:00:00+08:00"));
    planId = "ih-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    String held = keyTask(1).getId();
    String other = keyTask(2).getId();
    command(command -> {
      command.getExecutionManager().findExecutionById(held);
      InstanceTrees.readingAhead(List.of(held, other), List.of("keyTask"), () -> {
        assertThat(InstanceTrees.waitingFor(command, "MonthlyReportDue", correlation("MonthlyReportDue", held))).isNull();
        assertThat(InstanceTrees.waitingFor(command, "MonthlyReportDue", correlation("MonthlyReportDue", other))).isNotNull();
      });
      // Outside the work: nothing is answered from what it read.
      assertThat(InstanceTrees.waitingFor(command, "MonthlyReportDue", correlation("MonthlyReportDue", other))).isNull();
    });
  }

  /** A correlation naming more than the instance (here a business key) is the engine's query's. */
  @Test
  void aCorrelationNamingMoreThanTheInstance_isLeftToTheEngine() {
    ClockUtil.setCurrentTime(at("2026-03-25T09:00:00+08:00"));
    planId = "ib-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    String keyTask = keyTask(1).getId();
    command(command -> InstanceTrees.readingAhead(List.of(keyTask), List.of(), () -> {
      MessageCorrelationBuilderImpl byKey = (MessageCorrelationBuilderImpl) runtimeService.createMessageCorrelation("MonthlyReportDue")
          .processInstanceId(keyTask).processInstanceBusinessKey(keyTask(1).getBusinessKey());
      assertThat(InstanceTrees.waitingFor(command, "MonthlyReportDue", new CorrelationSet(byKey))).isNull();
      assertThat(InstanceTrees.waitingFor(command, "MonthlyReportDue", correlation("MonthlyReportDue", keyTask))).isNotNull();
    }));
  }

  CorrelationSet correlation(String message, String keyTask) {
    return new CorrelationSet((MessageCorrelationBuilderImpl) Correlations.executionsOnly(
        runtimeService.createMessageCorrelation(message).processInstanceId(keyTask)));
  }

  /** The engine's own answer: its query of the executions waiting for the message. */
  static List<ExecutionEntity> engines(CommandContext command, String message, CorrelationSet correlation) {
    List<ExecutionEntity> found = new ArrayList<>();
    for (CorrelationHandlerResult result : new DefaultCorrelationHandler().correlateMessages(command, message, correlation)) {
      found.add(result.getExecutionEntity());
    }
    return found;
  }

  static List<String> ids(List<ExecutionEntity> executions) {
    return executions.stream().map(ExecutionEntity::getId).toList();
  }

  void command(java.util.function.Consumer<CommandContext> work) {
    ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getCommandExecutorTxRequired().execute(command -> {
      work.accept(command);
      return null;
    });
  }
}
