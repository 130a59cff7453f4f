package org.campaigndesk.ops;

import org.camunda.spin.plugin.variable.type.SpinValueType;
import org.campaigndesk.task.ReviewCalendar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.campaigndesk.dispatch.Dispatch;
import org.campaigndesk.kernel.JsonLists;
import static org.campaigndesk.TimeTravel.clock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.campaign.Campaigns;
import org.campaigndesk.LegacyDeployments;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.reminder.WatchVariables;
import org.campaigndesk.scoring.ScoreAppeal;
import org.campaigndesk.scoring.Scoring;
import org.campaigndesk.scoring.ScoreRepository;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Instances as today's main leaves them keep working after the upgrade: a rectification on the
 * version whose form says "reject" moves to the latest version and is sent back with "return";
 * decisions already recorded, the key task a rectification concerns and campaign assignments are
 * rewritten in the new terms; a second run finds nothing to do.
 */
class RunningInstanceUpgradesTest extends AbstractAppTest {

  @org.junit.jupiter.api.extension.RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension greenMail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(org.campaigndesk.TestSmtp.SETUP);

  @Autowired
  RunningInstanceUpgrades upgrades;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  PlanImportService importService;
  @Autowired
  ManagementService managementService;
  @Autowired
  Dispatch dispatches;
  @Autowired
  UpgradeFailures failures;
  @Autowired
  MeterRegistry meterRegistry;
  @Autowired
  org.campaigndesk.scoring.ScoreRepository scores;

  /**
   * Deploys these resources as main had them, then today's deployment of the process again (all its
   * resources, the embedded forms of the other processes too), so that today's stay the latest version.
   */
  ProcessDefinition legacy(String key, String... resources) {
    LegacyDeployments deployments = new LegacyDeployments(repositoryService, runtimeService);
    ProcessDefinition old = deployments.old(key, resources);
    deployments.today(key);
    return old;
  }

  @Test
  void rectificationsOfMain_moveToTheLatestVersion_andAreSentBackWithReturn() throws IOException {
    ProcessDefinition old = legacy("rectification", "processes/rectification.bpmn", "forms/rectification-verify.html");
    PlanFacts facts = PlanFacts.of(new PlanReader().read(TestPlans.plan("up-plan")));
    String label = facts.keyTasks().get(0).label();
    Map<String, Object> variables = withVariables("planId", "up-plan", "planTitle", "测试计划", "planTimezone", "Asia/Shanghai",
        "leadUnitId", "up-unit", "deadline", new Date(System.currentTimeMillis() + 86_400_000L), "problem", "档案不全",
        "taskLabel", "【整改】档案不全", "keyTaskLabel", label);
    // One waiting for its verification, one sent back with main's "reject" and waiting to be rectified again.
    ProcessInstance verifying = runtimeService.createProcessInstanceById(old.getId()).startBeforeActivity("Task_Verify")
        .setVariables(variables).execute();
    ProcessInstance returned = runtimeService.createProcessInstanceById(old.getId()).startBeforeActivity("Task_Rectify")
        .setVariables(variables).setVariable("verifyDecision", "reject").execute();
    runtimeService.setVariable(verifying.getId(), PlanFacts.VARIABLE, facts.value());
    runtimeService.setVariable(returned.getId(), PlanFacts.VARIABLE, facts.value());

    upgrades.run(null);

    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey("rectification")
        .withoutTenantId().latestVersion().singleResult();
    for (ProcessInstance instance : List.of(verifying, returned)) {
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
          .getProcessDefinitionId()).isEqualTo(latest.getId());
      assertThat(runtimeService.getVariable(instance.getId(), "keyTaskNo")).isEqualTo(facts.keyTasks().get(0).no());
    }
    assertThat(runtimeService.getVariable(returned.getId(), "verifyDecision")).isEqualTo("return");

    // The latest version's gateway knows "return": the rectification goes back to the unit.
    Task verify = taskService.createTaskQuery().processInstanceId(verifying.getId()).taskDefinitionKey("Task_Verify").singleResult();
    taskService.complete(verify.getId(), withVariables("verifyDecision", "return", "verifyComment", "仍缺签字"));
    assertThat(taskService.createTaskQuery().processInstanceId(verifying.getId()).taskDefinitionKey("Task_Rectify").count())
        .isEqualTo(1);

    assertThat(upgrades.migrateToLatest(RunningInstanceUpgrades.LEGACY.get(0))).isZero();
    assertThat(upgrades.numberRectifications()).isZero();
    runtimeService.deleteProcessInstance(verifying.getId(), "test");
    runtimeService.deleteProcessInstance(returned.getId(), "test");
  }

  @Test
  void appealDecisionsAndCampaignAssignmentsOfMain_areRewritten() throws IOException {
    String plan = "ua" + UUID.randomUUID().toString().substring(0, 6);
    importService.importPlan(TestPlans.plan(plan).replace("t-", plan + "-"), "test", null);
    ProcessInstance scoring = runtimeService.createProcessInstanceQuery().processDefinitionKey(Scoring.PROCESS_KEY)
        .processInstanceBusinessKey(plan).singleResult();
    ProcessDefinition old = legacy(Scoring.PROCESS_KEY, "processes/quarterly-scoring.bpmn", "forms/score-appeal-decision.html");
    ProcessInstance onMain = runtimeService.startProcessInstanceById(old.getId(), plan, runtimeService.getVariables(scoring.getId()));
    // A decision recorded with main's words, its mail not yet sent; an assignment as main wrote it.
    runtimeService.setVariable(scoring.getId(), ScoreAppeal.APPEAL_DECISION, "accept");
    runtimeService.setVariable(onMain.getId(), ScoreAppeal.APPEAL_DECISION, "reject");
    runtimeService.setVariable(onMain.getId(), "assignment", "2:" + plan + "-agri");
    // Lists as main kept them: comma-separated text.
    ProcessInstance annual = runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan")
        .processInstanceBusinessKey(plan).singleResult();
    List<String> keyTaskNos = JsonLists.read(runtimeService.getVariable(annual.getId(), "keyTaskNos"));
    runtimeService.setVariable(annual.getId(), "keyTaskNos", String.join(",", keyTaskNos));
    runtimeService.setVariable(onMain.getId(), "appealUnitIds", plan + "-agri," + plan + "-water");
    runtimeService.setVariable(onMain.getId(), ScoreAppeal.APPEAL_LINE_IDS, "12,15");
    ProcessInstance calendar = runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", plan).singleResult();
    runtimeService.setVariable(calendar.getId(), ReviewCalendar.QUARTERLY_REPORT_DATES, "2026-09-20,2026-12-20");
    runtimeService.setVariable(calendar.getId(), ReviewCalendar.ANNOUNCED, "quarterly:2026-03-20");
    // A quarter whose appeal window main opened, under main's names.
    Date due = new Date(System.currentTimeMillis() + 5 * 86_400_000L);
    runtimeService.setVariable(onMain.getId(), "appealDeadline", due);
    runtimeService.setVariable(onMain.getId(), "appealDeadlineText", "2026年7月8日");

    upgrades.run(null);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(onMain.getId()).singleResult()
        .getProcessDefinitionId()).isNotEqualTo(old.getId());
    assertThat(runtimeService.getVariable(scoring.getId(), ScoreAppeal.APPEAL_DECISION)).isEqualTo("approve");
    assertThat(runtimeService.getVariable(onMain.getId(), ScoreAppeal.APPEAL_DECISION)).isEqualTo("refuse");
    SpinJsonNode assignment = (SpinJsonNode) runtimeService.getVariable(onMain.getId(), "assignment");
    assertThat(assignment.prop("item").numberValue().intValue()).isEqualTo(2);
    assertThat(assignment.prop("unitId").stringValue()).isEqualTo(plan + "-agri");

    assertThat(runtimeService.getVariable(onMain.getId(), Scoring.APPEAL_DUE)).isEqualTo(due);
    assertThat(runtimeService.getVariable(onMain.getId(), Scoring.APPEAL_DUE_TEXT)).isEqualTo("2026年7月8日");
    assertThat(runtimeService.getVariables(onMain.getId())).doesNotContainKeys("appealDeadline", "appealDeadlineText");

    assertThat(JsonLists.read(runtimeService.getVariable(annual.getId(), "keyTaskNos"))).isEqualTo(keyTaskNos).isNotEmpty();
    assertThat(JsonLists.read(runtimeService.getVariable(onMain.getId(), "appealUnitIds")))
        .containsExactly(plan + "-agri", plan + "-water");
    assertThat(JsonLists.read(runtimeService.getVariable(onMain.getId(), ScoreAppeal.APPEAL_LINE_IDS))).containsExactly("12", "15");
    assertThat(JsonLists.read(runtimeService.getVariable(calendar.getId(), ReviewCalendar.QUARTERLY_REPORT_DATES)))
        .containsExactly("2026-09-20", "2026-12-20");
    assertThat(JsonLists.read(runtimeService.getVariable(calendar.getId(), ReviewCalendar.ANNOUNCED)))
        .containsExactly("quarterly:2026-03-20");
    // Stored as JSON now, not as the comma text they were.
    for (String[] stored : new String[][] {{annual.getId(), "keyTaskNos"}, {onMain.getId(), "appealUnitIds"},
        {onMain.getId(), ScoreAppeal.APPEAL_LINE_IDS}, {calendar.getId(), ReviewCalendar.QUARTERLY_REPORT_DATES},
        {calendar.getId(), ReviewCalendar.ANNOUNCED}}) {
      assertThat(runtimeService.getVariableTyped(stored[0], stored[1], false).getType()).as(stored[1]).isEqualTo(SpinValueType.JSON);
    }

    assertThat(upgrades.typeAssignments()).isZero();
    assertThat(upgrades.typeLists()).isZero();
    assertThat(upgrades.rename(RunningInstanceUpgrades.DUE_DATES.get(0))).isZero();
    runtimeService.deleteProcessInstance(onMain.getId(), "test");
  }

  /**
   * A scoring of main waits for its quarter's end in a sequential multi-instance over the quarters; the
   * latest scores its quarters in a loop. It moves into the loop with its timer (same due date) and the
   * quarter it waits for, without the multi-instance's counters, and scores that quarter and the next to
   * the end of its year.
   */
  @Test
  void aScoringOfMainWaitingForItsQuarter_movesIntoTheLoop_andScoresToTheYearsEnd() {
    clock("2026-08-15T10:00:00+08:00");
    String plan = "uq" + UUID.randomUUID().toString().substring(0, 6);
    importService.importPlan(TestPlans.plan(plan).replace("t-", plan + "-"), "test", null);
    ProcessInstance scoring = runtimeService.createProcessInstanceQuery().processDefinitionKey(Scoring.PROCESS_KEY)
        .processInstanceBusinessKey(plan).singleResult();
    ProcessDefinition old = legacy(Scoring.PROCESS_KEY, "processes/quarterly-scoring.bpmn", "forms/score-appeal-decision.html");
    ProcessInstance onMain = runtimeService.startProcessInstanceById(old.getId(), plan, runtimeService.getVariables(scoring.getId()));
    runtimeService.deleteProcessInstance(scoring.getId(), "the plan's scoring is the one of main here");
    Date thirdQuarterEnd = managementService.createJobQuery().processInstanceId(onMain.getId()).activityId("Timer_QuarterEnd")
        .singleResult().getDuedate();
    assertThat(thirdQuarterEnd).isEqualTo(org.campaigndesk.TimeTravel.at("2026-10-01T01:00:00+08:00"));

    upgrades.run(null);

    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(Scoring.PROCESS_KEY)
        .withoutTenantId().latestVersion().singleResult();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(onMain.getId()).singleResult().getProcessDefinitionId())
        .isEqualTo(latest.getId());
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(onMain).isWaitingAt("Timer_QuarterEnd");
    Job quarterEnd = managementService.createJobQuery().processInstanceId(onMain.getId()).activityId("Timer_QuarterEnd").singleResult();
    assertThat(quarterEnd.getDuedate()).isEqualTo(thirdQuarterEnd);
    assertThat(runtimeService.getVariables(onMain.getId())).containsEntry(Scoring.QUARTER, "2026-Q3")
        .doesNotContainKeys("loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances");
    assertThat(runtimeService.createExecutionQuery().processInstanceId(onMain.getId()).count()).isEqualTo(2);

    clock("2026-10-01T01:00:30+08:00");
    managementService.executeJob(quarterEnd.getId());
    org.campaigndesk.TimeTravel.runDueJobs(managementService, onMain.getId());
    assertThat(scores.scoredQuarters(plan)).extracting(ScoreRepository.ScoredQuarter::quarter).containsExactly("2026-Q3");
    answerAppeals(onMain);
    quarterEnd = managementService.createJobQuery().processInstanceId(onMain.getId()).activityId("Timer_QuarterEnd").singleResult();
    assertThat(quarterEnd.getDuedate()).isEqualTo(org.campaigndesk.TimeTravel.at("2027-01-01T01:00:00+08:00"));
    assertThat(runtimeService.getVariable(onMain.getId(), Scoring.QUARTER)).isEqualTo("2026-Q4");

    clock("2027-01-01T01:00:30+08:00");
    managementService.executeJob(quarterEnd.getId());
    org.campaigndesk.TimeTravel.runDueJobs(managementService, onMain.getId());
    answerAppeals(onMain);
    assertThat(scores.scoredQuarters(plan)).extracting(ScoreRepository.ScoredQuarter::quarter).containsExactlyInAnyOrder("2026-Q3", "2026-Q4");
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(onMain).isEnded().hasPassed("EndEvent_YearScored");
    runtimeService.createProcessInstanceQuery().variableValueEquals("planId", plan).list()
        .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi.getId(), "test", true, true, true, false));
  }

  /** Every unit with a deduction confirms its score. */
  void answerAppeals(ProcessInstance scoring) {
    for (Task appeal : taskService.createTaskQuery().processInstanceId(scoring.getId()).taskDefinitionKey("Task_Appeal").list()) {
      taskService.complete(appeal.getId(), withVariables("appealChoice", "none"));
    }
  }

  /**
   * A dispatch as main leaves it: instructions as JSON text, one already sent (main wrote its line into
   * the key task), one waiting to be sent. Both become typed, with leader and month; only the one not
   * yet on the key task is listed from the dispatch, and the one waiting is sent as usual.
   */
  @Test
  void dispatchInstructionsOfMain_becomeTyped_andAreListedOnce() {
    clock("2026-07-01T09:00:30+08:00");
    String plan = "ud" + UUID.randomUUID().toString().substring(0, 6);
    importService.importPlan(TestPlans.plan(plan), "test", null);
    ProcessInstance annual = runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan")
        .processInstanceBusinessKey(plan).singleResult();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(annual.getId())
        .activityId("StartEvent_DispatchMonth").singleResult().getId());
    ProcessInstance dispatch = runtimeService.createProcessInstanceQuery().processDefinitionKey(Dispatch.PROCESS_KEY)
        .processInstanceBusinessKey(plan).singleResult();
    Task zhang = taskService.createTaskQuery().processInstanceId(dispatch.getId()).taskAssignee("t-zhang").singleResult();
    taskService.complete(zhang.getId(), withVariables("instructionsText", "2｜加快水质检测\n1｜按计划推进"));
    List<Job> sending = managementService.createJobQuery().processInstanceId(dispatch.getId())
        .activityId("Task_SendInstruction").list();
    assertThat(sending).hasSize(2);
    Job first = sending.get(0);
    String sentText = runtimeService.getVariable(first.getExecutionId(), Dispatch.INSTRUCTION).toString();
    // Sent before the upgrade: its follow-up exists (main wrote the line into the key task then).
    managementService.executeJob(first.getId());
    // Main's values: the list and each instruction as JSON text, without leader or month.
    for (VariableInstance v : runtimeService.createVariableInstanceQuery().processInstanceIdIn(dispatch.getId())
        .variableNameIn(Dispatch.INSTRUCTIONS, Dispatch.INSTRUCTION).list()) {
      String text = Dispatch.INSTRUCTIONS.equals(v.getName()) ? v.getValue().toString()
          : "{\"taskNo\":" + ((SpinJsonNode) v.getValue()).prop("taskNo").numberValue() + ",\"text\":\""
              + ((SpinJsonNode) v.getValue()).prop("text").stringValue() + "\"}";
      runtimeService.setVariableLocal(v.getExecutionId(), v.getName(), text);
    }

    assertThat(upgrades.typeInstructions()).isEqualTo(3);

    List<SpinJsonNode> typed = runtimeService.createVariableInstanceQuery().processInstanceIdIn(dispatch.getId())
        .variableName(Dispatch.INSTRUCTION).list().stream().map(v -> (SpinJsonNode) v.getValue()).toList();
    assertThat(typed).hasSize(2).allSatisfy(i -> {
      assertThat(i.prop("leaderName").stringValue()).isEqualTo("张三");
      assertThat(i.prop("month").stringValue()).isEqualTo("2026年7月");
    });
    assertThat(typed).filteredOn(i -> i.hasProp(Dispatch.ON_KEY_TASK)).hasSize(1)
        .allSatisfy(i -> assertThat(sentText).contains(i.prop("text").stringValue()));
    managementService.executeJob(managementService.createJobQuery().processInstanceId(dispatch.getId())
        .activityId("Task_SendInstruction").singleResult().getId());
    assertThat(taskService.createTaskQuery().processInstanceId(dispatch.getId()).taskDefinitionKey("Task_FollowInstruction").count())
        .isEqualTo(2);
    SpinJsonNode waiting = typed.stream().filter(i -> !i.hasProp(Dispatch.ON_KEY_TASK)).findFirst().orElseThrow();
    int no = waiting.prop("taskNo").numberValue().intValue();
    assertThat(dispatches.given(plan, no)).extracting(Dispatch.Given::line)
        .containsExactly("2026年7月 张三：" + waiting.prop("text").stringValue());
    assertThat(dispatches.given(plan, no == 1 ? 2 : 1)).isEmpty();
    assertThat(upgrades.typeInstructions()).isZero();
  }

  /**
   * A rectification of main's version, whose watch still marked it from outside: it moves to the
   * version with SubProcess_DeadlineStatus, and the watch's report (the DeadlineStatus message)
   * then reaches it and is recorded there.
   */
  @Test
  void rectificationsFromBeforeTheDeadlineStatus_moveToWhereTheyReceiveIt() throws IOException {
    ProcessDefinition current = repositoryService.createProcessDefinitionQuery().processDefinitionKey("rectification")
        .withoutTenantId().latestVersion().singleResult();
    String text = new String(repositoryService.getResourceAsStream(current.getDeploymentId(), "processes/rectification.bpmn")
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    // As main had it: without the event subprocess, its message and their diagram.
    String old = text.replaceAll("(?s)\\s*<bpmn:subProcess id=\"SubProcess_DeadlineStatus\".*?</bpmn:subProcess>", "")
        .replaceAll("\\s*<bpmn:message id=\"Message_DeadlineStatus\"[^>]*/>", "")
        .replaceAll("(?s)\\s*<bpmndi:BPMN(Shape|Edge) id=\"(SubProcess_DeadlineStatus|StartEvent_DeadlineStatus|Task_RecordDeadlineStatus|"
            + "EndEvent_DeadlineStatusRecorded|Flow_ToRecordDeadlineStatus|Flow_DeadlineStatusRecorded)_di\".*?</bpmndi:BPMN(Shape|Edge)>", "");
    assertThat(old).doesNotContain("DeadlineStatus").contains("Task_Rectify");
    String oldDeployment = repositoryService.createDeployment().name("legacy-main")
        .addString("processes/rectification.bpmn", old).deploy().getId();
    DeploymentBuilder today = repositoryService.createDeployment().name("campaign-desk");
    for (String resource : repositoryService.getDeploymentResourceNames(current.getDeploymentId())) {
      today.addInputStream(resource, repositoryService.getResourceAsStream(current.getDeploymentId(), resource));
    }
    today.deploy();
    ProcessDefinition legacy = repositoryService.createProcessDefinitionQuery().deploymentId(oldDeployment).singleResult();
    ProcessInstance rectifying = runtimeService.createProcessInstanceById(legacy.getId()).startBeforeActivity("Task_Rectify")
        .setVariables(withVariables("planId", "up-plan", "planTitle", "测试计划", "planTimezone", "Asia/Shanghai",
            "leadUnitId", "up-unit", "deadline", new Date(System.currentTimeMillis() + 86_400_000L), "problem", "档案不全",
            "taskLabel", "【整改】档案不全", "keyTaskNo", 1))
        .execute();
    // Nothing listens on main's version: a report would find no one.
    assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(rectifying.getId())
        .eventName(WatchVariables.STATUS_MESSAGE).count()).isZero();

    assertThat(upgrades.migrateToLatest(RunningInstanceUpgrades.LEGACY.get(3))).isEqualTo(1);

    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey("rectification")
        .withoutTenantId().latestVersion().singleResult();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(rectifying.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(latest.getId());
    String scope = runtimeService.getActivityInstance(rectifying.getId()).getActivityInstances("SubProcess_Rectifying")[0].getId();
    runtimeService.createMessageCorrelation(WatchVariables.STATUS_MESSAGE).processInstanceId(rectifying.getId())
        .setVariablesToTriggeredScope(withVariables(WatchVariables.REPORTED_SCOPE, scope, WatchVariables.REPORTED_OVERDUE, true,
            WatchVariables.REPORTED_KIND, "rectification"))
        .correlate();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(rectifying)
        .hasPassed("StartEvent_DeadlineStatus", "Task_RecordDeadlineStatus", "EndEvent_DeadlineStatusRecorded");
    assertThat(runtimeService.getVariable(rectifying.getId(), WatchVariables.DEADLINE_PASSED)).isEqualTo(true);
    assertThat(taskService.createTaskQuery().processInstanceId(rectifying.getId()).taskDefinitionKey("Task_Rectify")
        .singleResult().getPriority()).isEqualTo(WatchVariables.OVERDUE_PRIORITY);
    assertThat(upgrades.migrateToLatest(RunningInstanceUpgrades.LEGACY.get(3))).isZero();
    runtimeService.deleteProcessInstance(rectifying.getId(), "test");
  }

  /**
   * A later version renamed the activity that instances of main's version wait in: the engine refuses
   * the migration. The application starts all the same; the instances stay where they are with the
   * values their definition reads, and the health component and the gauge name them.
   */
  @Test
  void aMigrationTheEngineRefuses_leavesItsInstancesOnTheirDefinition_andShowsThem() {
    LegacyDeployments deployments = new LegacyDeployments(repositoryService, runtimeService);
    try {
      ProcessDefinition old = deployments.old("rectification", "processes/rectification.bpmn", "forms/rectification-verify.html");
      ProcessInstance returned = runtimeService.createProcessInstanceById(old.getId()).startBeforeActivity("Task_Rectify")
          .setVariables(withVariables("planId", "up-plan", "planTitle", "测试计划", "planTimezone", "Asia/Shanghai",
              "leadUnitId", "up-unit", "deadline", new Date(System.currentTimeMillis() + 86_400_000L), "problem", "档案不全",
              "taskLabel", "【整改】档案不全", "keyTaskNo", 1, "verifyDecision", "reject"))
          .execute();
      ProcessDefinition renamed = deployments.texts("rectification", Map.of("processes/rectification.bpmn",
          deployments.todaysText("rectification", "processes/rectification.bpmn").replace("Task_Rectify\"", "Task_RectifyProblem\"")));

      upgrades.run(null);

      assertThat(deployments.definitionOf(returned.getId())).isEqualTo(old.getId());
      // Its definition's gateway still reads main's word: it is left as it is.
      assertThat(runtimeService.getVariable(returned.getId(), "verifyDecision")).isEqualTo("reject");
      assertThat(failures.all()).filteredOn(l -> l.sourceDefinitionId().equals(old.getId())).singleElement().satisfies(l -> {
        assertThat(l.targetDefinitionId()).isEqualTo(renamed.getId());
        assertThat(l.instanceIds()).containsExactly(returned.getId());
        assertThat(l.error()).contains("Task_Rectify");
      });
      Health health = failures.health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails().get("failedMigrations").toString()).contains(old.getId(), returned.getId());
      assertThat(meterRegistry.get("campaigndesk.upgrades.left.behind").gauge().value()).isGreaterThanOrEqualTo(1);
      // The next run does not try again at this start.
      assertThat(upgrades.migrateToLatest(RunningInstanceUpgrades.LEGACY.get(0))).isZero();
    } finally {
      deployments.remove();
    }
  }

  ProcessInstance springCampaign(String plan) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("campaign").variableValueEquals("planId", plan)
        .variableValueEquals("campaignId", "spring").singleResult();
  }

  String importCampaignPlan() {
    String plan = "up-c-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(plan) + """
        campaigns:
          - id: spring
            name: 春季攻势行动
            start: 2026-01-01
            end: 2026-03-31
            items:
              - {title: 研究下发年度脱贫攻坚任务计划, units: [t-fpb]}
              - {title: 抓实产业扶贫工程，抢抓节令, units: [t-agri, "@townships"]}
        """, "test", null);
    return plan;
  }

  List<Job> itemJobs(ProcessInstance campaign) {
    return managementService.createJobQuery().processInstanceId(campaign.getId()).activityId("SubProcess_ItemWork").list();
  }

  /**
   * Campaigns opened on the version before chunks (one job per item, side by side) stay on it: their
   * pending item jobs give their tasks, and their window closes as it did, recording what is unfinished.
   */
  @Test
  void campaignsOpenedOnTheVersionBeforeChunks_stayOnIt_andRunToTheirClose() {
    LegacyDeployments deployments = new LegacyDeployments(repositoryService, runtimeService);
    try {
      ProcessDefinition before = deployments.from("legacy-items", "campaign", "processes/campaign.bpmn");
      clock("2026-01-01T00:30:00+08:00");
      ProcessInstance open = springCampaign(importCampaignPlan());
      assertThat(deployments.definitionOf(open.getId())).isEqualTo(before.getId());
      clock("2026-01-01T08:00:30+08:00");
      managementService.executeJob(managementService.createJobQuery().processInstanceId(open.getId()).activityId("Timer_WindowOpens")
          .singleResult().getId());
      managementService.executeJob(managementService.createJobQuery().processInstanceId(open.getId()).activityId("Task_OpenCampaign")
          .singleResult().getId());
      ProcessDefinition today = deployments.today("campaign");

      upgrades.run(null);

      assertThat(deployments.definitionOf(open.getId())).isEqualTo(before.getId());
      List<Job> pending = itemJobs(open);
      assertThat(pending).hasSize(4);
      pending.forEach(job -> managementService.executeJob(job.getId()));
      List<Task> items = taskService.createTaskQuery().processInstanceId(open.getId()).taskDefinitionKey("Task_CampaignItem").list();
      assertThat(items).hasSize(4).extracting(Task::getName).doesNotHaveDuplicates();
      taskService.complete(items.get(0).getId(), Map.of("itemReport", "已按要求完成", "itemCompletedOn", "2026-01-05"));

      clock("2026-04-01T00:00:30+08:00");
      managementService.executeJob(managementService.createJobQuery().processInstanceId(open.getId()).activityId("Timer_WindowCloses")
          .singleResult().getId());
      assertThat(runtimeService.getVariable(open.getId(), "carriedOverCount")).isEqualTo(3);
      assertThat(taskService.createTaskQuery().processInstanceId(open.getId()).taskDefinitionKey("Task_CampaignReport").count())
          .isEqualTo(4);
      assertThat(deployments.definitionOf(open.getId())).isEqualTo(before.getId()).isNotEqualTo(today.getId());
    } finally {
      deployments.remove();
    }
  }

  /**
   * Campaigns on main's version, whose item jobs are exclusive (one after another per campaign): one
   * waiting for its window, one open with item jobs still pending. The waiting one moves to the latest
   * version, whose items, once it opens, are chunks whose jobs run side by side; the open one stays on
   * its version (its items cannot move into chunks), its pending jobs run as written, each giving its
   * item's task.
   */
  @Test
  void campaignsOfMain_moveToTheLatestVersion_whoseItemJobsRunSideBySide() {
    LegacyDeployments deployments = new LegacyDeployments(repositoryService, runtimeService);
    try {
      ProcessDefinition old = deployments.old("campaign", "processes/campaign.bpmn");
      clock("2026-01-01T00:30:00+08:00");
      ProcessInstance waiting = springCampaign(importCampaignPlan());
      ProcessInstance open = springCampaign(importCampaignPlan());
      clock("2026-01-01T08:00:30+08:00");
      managementService.executeJob(managementService.createJobQuery().processInstanceId(open.getId()).activityId("Timer_WindowOpens")
          .singleResult().getId());
      managementService.executeJob(managementService.createJobQuery().processInstanceId(open.getId()).activityId("Task_OpenCampaign")
          .singleResult().getId());
      List<Job> pending = itemJobs(open);
      assertThat(pending).hasSize(4).allMatch(job -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).isExclusive());
      managementService.executeJob(pending.get(0).getId());
      assertThat(deployments.definitionOf(waiting.getId())).isEqualTo(old.getId());
      assertThat(deployments.definitionOf(open.getId())).isEqualTo(old.getId());
      ProcessDefinition today = deployments.today("campaign");
      RunningInstanceUpgrades.Legacy exclusiveItems = RunningInstanceUpgrades.LEGACY.stream()
          .filter(l -> l.processKey().equals("campaign")).findFirst().orElseThrow();

      // The open one still holds its opening's mails (jobs without an execution, which the engine's migration
      // cannot read: the job that records them, then their deliveries): it stays until they are sent.
      assertThat(upgrades.migrateToLatest(exclusiveItems)).isEqualTo(1);
      assertThat(deployments.definitionOf(open.getId())).isEqualTo(old.getId());
      for (int round = 0; round < 3; round++) {
        managementService.createJobQuery().processInstanceId(open.getId()).list().stream().filter(job -> job.getExecutionId() == null)
            .forEach(job -> managementService.executeJob(job.getId()));
      }
      assertThat(managementService.createJobQuery().processInstanceId(open.getId()).list())
          .allMatch(job -> job.getExecutionId() != null);
      // Its window is open, its items begun: they cannot move into today's chunks. It stays, and is no failure.
      assertThat(upgrades.migrateToLatest(exclusiveItems)).isZero();
      assertThat(failures.all()).noneMatch(l -> l.sourceDefinitionId().equals(old.getId()));

      assertThat(deployments.definitionOf(waiting.getId())).isEqualTo(today.getId());
      assertThat(deployments.definitionOf(open.getId())).isEqualTo(old.getId());
      itemJobs(open).forEach(job -> managementService.executeJob(job.getId()));
      assertThat(taskService.createTaskQuery().processInstanceId(open.getId()).taskDefinitionKey("Task_CampaignItem").list())
          .hasSize(4).extracting(Task::getName).doesNotHaveDuplicates();
      managementService.executeJob(managementService.createJobQuery().processInstanceId(waiting.getId())
          .activityId("Timer_WindowOpens").singleResult().getId());
      managementService.executeJob(managementService.createJobQuery().processInstanceId(waiting.getId())
          .activityId("Task_OpenCampaign").singleResult().getId());
      List<Job> chunks = managementService.createJobQuery().processInstanceId(waiting.getId()).activityId(Campaigns.ITEM_CHUNK).list();
      assertThat(chunks).hasSize(1).noneMatch(job -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).isExclusive());
      chunks.forEach(job -> managementService.executeJob(job.getId()));
      assertThat(taskService.createTaskQuery().processInstanceId(waiting.getId()).taskDefinitionKey("Task_CampaignItem").count())
          .isEqualTo(4);
      assertThat(upgrades.migrateToLatest(exclusiveItems)).isZero();
    } finally {
      deployments.remove();
    }
  }
}
