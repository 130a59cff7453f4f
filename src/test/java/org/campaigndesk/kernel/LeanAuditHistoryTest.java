package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.imports.PlanImportService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The history the engine keeps at level audit, less activities passed through and loop counters:
 * a key task's history after import still has its task and scopes, the annual plan's its call
 * activity and the key task number each child was started for.
 */
class LeanAuditHistoryTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  HistoryService historyService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void theLevelIsAudit_forTheEngineAndTheDatabase() {
    var level = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getHistoryLevel();
    assertThat(level).isInstanceOf(LeanAuditHistory.Level.class);
    assertThat(level.getName()).isEqualTo("audit");
    assertThat(level.getId()).isEqualTo(2);
    assertThat(jdbc.queryForObject("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'historyLevel'", String.class)).isEqualTo("2");
  }

  @Test
  void importedKeyTask_keepsItsTaskAndScopes_notTheGatewaysAndStartEventsItPassed() throws Exception {
    TimeTravel.clock("2020-03-10T09:00:00+08:00");
    planId = "lh-" + UUID.randomUUID().toString().substring(0, 8);
    String source = Files.readString(Path.of("plans/lufeng-2020.yaml"), StandardCharsets.UTF_8)
        .replace("id: lufeng-2020", "id: " + planId)
        .replace("region: {id: lufeng, name: 禄丰县}", "region: {id: " + planId + ", name: 禄丰县（历史）}");
    importService.importPlan(source, "test", null);

    ProcessInstance keyTask = keyTask(1);
    List<String> activities = historyService.createHistoricActivityInstanceQuery().processInstanceId(keyTask.getId()).list()
        .stream().map(HistoricActivityInstance::getActivityId).toList();
    assertThat(activities).contains("Task_SignFor", "SubProcess_Open", "SubProcess_UnitWork")
        .doesNotContain("StartEvent_Assigned", "Gateway_OwnerKnown", "Gateway_OwnerMerge", "StartEvent_Open", "StartEvent_UnitWork",
            "Gateway_Entry");
    // What started the month's report (a message) is an event with a trigger: kept.
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(keyTask.getId()).singleResult()
        .getStartActivityId()).isEqualTo("StartEvent_Assigned");

    String annualPlan = historyService.createHistoricProcessInstanceQuery().processInstanceId(keyTask.getId()).singleResult()
        .getSuperProcessInstanceId();
    assertThat(annualPlan).isNotNull();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(annualPlan).activityId("CallActivity_KeyTasks")
        .count()).isEqualTo(20);
    List<String> annualPlanVariables = historyService.createHistoricVariableInstanceQuery().processInstanceId(annualPlan).list()
        .stream().map(HistoricVariableInstance::getName).toList();
    assertThat(annualPlanVariables).contains("planId", "keyTaskNo")
        .doesNotContain("loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");
    // The runtime still has them: the engine counts with them.
    assertThat(runtimeService.createVariableInstanceQuery().processInstanceIdIn(annualPlan).variableName("loopCounter").count())
        .isPositive();
  }

  @AfterEach
  void removePlan() {
    if (planId == null) {
      return;
    }
    runtimeService.createProcessInstanceQuery().variableValueEquals("planId", planId).list().stream()
        .filter(pi -> runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0)
        .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi.getId(), "checked", true, true, true, false));
  }
}
