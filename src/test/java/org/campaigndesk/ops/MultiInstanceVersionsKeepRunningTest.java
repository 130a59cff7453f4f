package org.campaigndesk.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;

import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.LegacyDeployments;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.scoring.ScoreRepository;
import org.campaigndesk.scoring.Scoring;
import org.campaigndesk.task.KeyTaskUpgrade;
import org.campaigndesk.task.ReviewCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A plan's review calendar and quarterly scoring started on the previous versions, whose quarterly and
 * half-year openings and quarters were sequential multi-instance subprocesses (copies of main's, under
 * {@code upgrade/}): the start-up's upgrades leave them on their versions, where they run to the end of
 * the year with the expressions they were written with ({@code reviewCalendar.split},
 * {@code reviews.opens}, {@code reviewCalendar.openQuarterly}, {@code scoring.quarters}, ...).
 */
class MultiInstanceVersionsKeepRunningTest extends AbstractAppTest {

  @RegisterExtension
  static com.icegreen.greenmail.junit5.GreenMailExtension greenMail =
      new com.icegreen.greenmail.junit5.GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  PlanImportService importService;
  @Autowired
  KeyTaskUpgrade keyTaskUpgrade;
  @Autowired
  RunningInstanceUpgrades runningInstanceUpgrades;
  @Autowired
  ScoreRepository scores;

  LegacyDeployments deployments;

  @AfterEach
  void removeTheVersions() {
    if (planId != null) {
      runtimeService.createProcessInstanceQuery().variableValueEquals("planId", planId).list()
          .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi.getId(), "test", true, true, true, false));
    }
    if (deployments != null) {
      deployments.remove();
    }
  }

  @Test
  void aCalendarAndAScoringOfThePreviousVersions_runToTheEndOfTheYear() {
    deployments = new LegacyDeployments(repositoryService, runtimeService);
    ProcessDefinition oldCalendar = deployments.from("upgrade", ReviewCalendar.PROCESS_KEY, "review-calendar-multi-instance.bpmn");
    ProcessDefinition oldScoring = deployments.from("upgrade", Scoring.PROCESS_KEY, "quarterly-scoring-multi-instance.bpmn");
    clock("2026-03-10T10:00:00+08:00");
    planId = "mi-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance calendar = runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult();
    ProcessInstance scoring = runtimeService.createProcessInstanceQuery().processDefinitionKey(Scoring.PROCESS_KEY)
        .processInstanceBusinessKey(planId).singleResult();
    assertThat(calendar.getProcessDefinitionId()).isEqualTo(oldCalendar.getId());
    assertThat(scoring.getProcessDefinitionId()).isEqualTo(oldScoring.getId());
    // Today's versions deployed on top, and the start-up's upgrades: both stay where they are.
    deployments.today(ReviewCalendar.PROCESS_KEY);
    deployments.today(Scoring.PROCESS_KEY);
    keyTaskUpgrade.upgrade();
    runningInstanceUpgrades.run(null);
    assertThat(deployments.definitionOf(calendar.getId())).isEqualTo(oldCalendar.getId());
    assertThat(deployments.definitionOf(scoring.getId())).isEqualTo(oldScoring.getId());

    // The calendar: March's report (due at once), June's and the half-year summary, September's; then its
    // quarterly and half-year branches have ended.
    for (String[] opening : new String[][] {{"2026-03-10T10:00:01+08:00", "Timer_QuarterlyOpens", "2026-03-20T23:59:59+08:00"},
        {"2026-06-06T08:00:30+08:00", "Timer_QuarterlyOpens", "2026-06-20T23:59:59+08:00"},
        {"2026-06-16T08:00:30+08:00", "Timer_SummaryOpens", null},
        {"2026-09-06T08:00:30+08:00", "Timer_QuarterlyOpens", "2026-09-20T23:59:59+08:00"}}) {
      clock(opening[0]);
      Job timer = managementService.createJobQuery().processInstanceId(calendar.getId()).activityId(opening[1]).singleResult();
      assertThat(timer.getDuedate()).as(opening[0]).isBeforeOrEqualTo(at(opening[0]));
      managementService.executeJob(timer.getId());
      if (opening[2] != null) {
        assertThat(taskService.createTaskQuery().processInstanceId(keyTask(1).getId()).taskDefinitionKey("Task_QuarterlyReport")
            .list()).extracting(Task::getDueDate).contains(at(opening[2]));
      }
    }
    assertThat(taskService.createTaskQuery().processInstanceId(keyTask(4).getId()).taskDefinitionKey("Task_HalfYearSummary").count())
        .isOne();
    BpmnAwareTests.assertThat(calendar).hasPassed("EndEvent_QuarterlyOpeningsDone", "EndEvent_SummaryOpeningsDone")
        .isWaitingAt("Timer_MonthlyOpens");

    // The scoring: each quarter scored at its end, its appeals answered, the next quarter after them; then the year.
    for (String[] quarter : new String[][] {{"2026-Q1", "2026-04-01T01:00:30+08:00"}, {"2026-Q2", "2026-07-01T01:00:30+08:00"},
        {"2026-Q3", "2026-10-01T01:00:30+08:00"}, {"2026-Q4", "2027-01-01T01:00:30+08:00"}}) {
      clock(quarter[1]);
      managementService.executeJob(managementService.createJobQuery().processInstanceId(scoring.getId())
          .activityId("Timer_QuarterEnd").singleResult().getId());
      TimeTravel.runDueJobs(managementService, scoring.getId());
      assertThat(scores.scoredQuarters(planId)).extracting(ScoreRepository.ScoredQuarter::quarter).contains(quarter[0]);
      taskService.createTaskQuery().processInstanceId(scoring.getId()).taskDefinitionKey("Task_Appeal").list()
          .forEach(appeal -> taskService.complete(appeal.getId(), java.util.Map.of("appealChoice", "none")));
    }
    BpmnAwareTests.assertThat(scoring).isEnded().hasPassed("EndEvent_YearScored");
  }

  /**
   * The helpers that move a sequential multi-instance's instances into the loop (as the start-up's
   * upgrades do for the versions they move): a scoring of the previous version in its first quarter's appeals
   * moves with its open appeal task (the same task, the quarter kept); once answered, the loop goes on to
   * the second quarter's timer.
   */
  @Test
  void aScoringInItsQuartersAppeals_movesIntoTheLoop_withItsAppealTask() {
    deployments = new LegacyDeployments(repositoryService, runtimeService);
    ProcessDefinition oldScoring = deployments.from("upgrade", Scoring.PROCESS_KEY, "quarterly-scoring-multi-instance.bpmn");
    clock("2026-01-05T10:00:00+08:00");
    planId = "mj-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance scoring = runtimeService.createProcessInstanceQuery().processDefinitionKey(Scoring.PROCESS_KEY)
        .processInstanceBusinessKey(planId).singleResult();
    assertThat(scoring.getProcessDefinitionId()).isEqualTo(oldScoring.getId());
    // Key task 四's February report is never submitted: a deduction in the first quarter, so an appeal task.
    clock("2026-02-01T08:05:00+08:00");
    org.campaigndesk.MonthlyReports.openIn(runtimeService, keyTask(4).getId());
    clock("2026-04-01T01:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(scoring.getId())
        .activityId("Timer_QuarterEnd").singleResult().getId());
    TimeTravel.runDueJobs(managementService, scoring.getId());
    Task appeal = taskService.createTaskQuery().processInstanceId(scoring.getId()).taskDefinitionKey("Task_Appeal").singleResult();
    assertThat(appeal).isNotNull();

    ProcessDefinition today = deployments.today(Scoring.PROCESS_KEY);
    org.campaigndesk.kernel.LoopMigrations.migrate(runtimeService, repositoryService, oldScoring.getId(), today.getId(),
        java.util.List.of(scoring.getId()), true, RunningInstanceUpgrades.LOOP_ELEMENTS.get(Scoring.PROCESS_KEY));

    assertThat(deployments.definitionOf(scoring.getId())).isEqualTo(today.getId());
    BpmnAwareTests.assertThat(scoring).isWaitingAt("Task_Appeal");
    assertThat(taskService.createTaskQuery().processInstanceId(scoring.getId()).taskDefinitionKey("Task_Appeal").singleResult().getId())
        .isEqualTo(appeal.getId());
    assertThat(runtimeService.getVariable(scoring.getId(), Scoring.QUARTER)).isEqualTo("2026-Q1");
    taskService.complete(appeal.getId(), java.util.Map.of("appealChoice", "none"));
    BpmnAwareTests.assertThat(scoring).hasPassed("EndEvent_NoAppeal", "EndEvent_QuarterScored").isWaitingAt("Timer_QuarterEnd");
    assertThat(runtimeService.getVariable(scoring.getId(), Scoring.QUARTER)).isEqualTo("2026-Q2");
    assertThat(managementService.createJobQuery().processInstanceId(scoring.getId()).activityId("Timer_QuarterEnd").singleResult()
        .getDuedate()).isEqualTo(at("2026-07-01T01:00:00+08:00"));
  }
}
