package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;

import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.TimeTravel;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A database from before the review calendar: key tasks started on main's {@code key-task} (each
 * waiting on its own quarterly and half-year timers, stored here as {@code upgrade/key-task-main.bpmn})
 * by main's {@code annual-plan}, then the current definitions deployed and the upgrade run as at start-up.
 * And one from after it but before the calendar announced the monthly reports (each key task's own
 * monthly timer: {@code upgrade/key-task-calendar.bpmn}, {@code upgrade/review-calendar-main.bpmn}).
 * Those copies read the key task's facts from its record as today's definition does (their expressions
 * only): the plan is imported by today's code, which starts key tasks with the record; moving key
 * tasks from separate variables to the record is {@link KeyTaskRecordUpgradeTest}'s.
 */
class KeyTaskUpgradeTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  KeyTaskUpgrade upgrade;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  org.campaigndesk.ops.RunningInstanceUpgrades runningInstanceUpgrades;
  @Autowired
  KeyTaskRecordUpgrade recordUpgrade;

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  /** The deployments this test made: main's definitions, and the current ones again on top of them. */
  final java.util.List<String> deployments = new java.util.ArrayList<>();

  /**
   * The test's instances and deployments go: later tests of the shared context start key tasks on
   * the application's own deployment again (whose embedded forms Tasklist reads from it).
   */
  @AfterEach
  void removeTheTestsDeployments() {
    if (planId != null) {
      runtimeService.createProcessInstanceQuery().variableValueEquals("planId", planId).list()
          .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi.getId(), "upgrade test", true, true, true, false));
    }
    java.util.Collections.reverse(deployments);
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
    assertThat(latest("key-task").getResourceName()).doesNotStartWith("upgrade/");
    assertThat((Object) repositoryService.getBpmnModelInstance(latest("key-task").getId()).getModelElementById("SubProcess_Reviews")).isNull();
  }

  @Test
  void runningKeyTasks_moveToTheCurrentDefinition_andTheirPlanGetsACalendar() {
    deploy("upgrade/key-task-main.bpmn", "upgrade/annual-plan-main.bpmn");
    String oldDefinition = latest("key-task").getId();
    clock("2026-03-10T10:00:00+08:00");
    planId = "up-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance one = keyTask(1);
    assertThat(one.getProcessDefinitionId()).isEqualTo(oldDefinition);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).count()).isZero();
    // Key task 1 has signed for; key task 2's March report is open (its own timer, due at once, fired).
    complete(task("Task_SignFor", one), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    ProcessInstance two = keyTask(2);
    execute(managementService.createJobQuery().processInstanceId(two.getId()).activityId("Timer_QuarterlyOpens")
        .duedateLowerThan(at("2026-03-10T10:00:01+08:00")).singleResult());
    String marchReport = task("Task_QuarterlyReport", two).getId();
    ProcessInstance oneWatch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(one.getId()).singleResult();

    deployCurrent();
    String current = latest("key-task").getId();
    KeyTaskUpgrade.Result result = upgrade.upgrade();

    assertThat(result.keptForOpenReviews()).isGreaterThanOrEqualTo(1);
    assertThat(definitionOf(one)).isEqualTo(current);
    assertThat(definitionOf(keyTask(3))).isEqualTo(current);
    assertThat(definitionOf(keyTask(4))).isEqualTo(current);
    // Key task 2 finishes its open report on its own definition first.
    assertThat(definitionOf(two)).isEqualTo(oldDefinition);
    // Where each stood, it still stands: the signed-for task at its implementation plan, its deadline watch running.
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_ImplementationPlan", "CallActivity_CompletionWatch");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(oneWatch.getId()).count()).isOne();
    // That running watch is its one watch: no timer to start another.
    assertThat(managementService.createJobQuery().processInstanceId(one.getId()).activityId("Timer_WatchStarts").count()).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(one.getId()).count()).isOne();
    assertThat(managementService.createJobQuery().processInstanceId(one.getId()).activityId("Timer_QuarterlyOpens").count()).isZero();
    // Its monthly report waits for the calendar's message, not on a timer of its own.
    assertThat(managementService.createJobQuery().processInstanceId(one.getId()).activityId("StartEvent_MonthlyReportDue").count()).isZero();
    assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(one.getId()).eventName("MonthlyReportDue").count()).isOne();

    // The plan's calendar announces what is still to come: June's report (March's opened on 6 March), the summary.
    ProcessInstance calendar = runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult();
    assertThat(calendar.getTenantId()).isEqualTo(one.getTenantId());
    Job june = managementService.createJobQuery().processInstanceId(calendar.getId()).activityId("Timer_QuarterlyOpens").singleResult();
    assertThat(june.getDuedate()).isEqualTo(at("2026-06-06T08:00:00+08:00"));
    assertThat(managementService.createJobQuery().processInstanceId(calendar.getId()).activityId("Timer_SummaryOpens").singleResult()
        .getDuedate()).isEqualTo(at("2026-06-16T08:00:00+08:00"));

    // Key task 2's report is in: the next start moves it too; no second calendar.
    complete(taskQuery().taskId(marchReport).singleResult(),
        withVariables("quarterlyProgress", "一季度完成水源工程前期工作", "nextQuarterPlan", "开工建设", "percentComplete", 20));
    KeyTaskUpgrade.Result again = upgrade.upgrade();
    assertThat(again.migrated()).isEqualTo(1);
    assertThat(again.calendarsStarted()).isZero();
    assertThat(definitionOf(two)).isEqualTo(current);

    // June: every key task of the plan gets its report from the calendar, old ones included.
    clock("2026-06-06T08:01:00+08:00");
    execute(june);
    for (int no = 1; no <= 4; no++) {
      assertThat(taskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_QuarterlyReport").list())
          .extracting(t -> t.getDueDate()).containsExactly(at("2026-06-20T23:59:59+08:00"));
    }
    // And the migrated work goes on to its end.
    complete(task("Task_ImplementationPlan", one), withVariables("planSummary", "按季度推进", "subItemsText", "测试县农业农村局｜组织培训｜2026-09-30"));
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_RequestCompletion");
    assertThat(upgrade.upgrade()).isEqualTo(new KeyTaskUpgrade.Result(0, 0, 0, 0));
  }

  @Test
  void keyTasksWithTheirOwnMonthlyTimer_receiveTheMonthFromTheCalendar_whichIsMovedToo() {
    deploy("upgrade/key-task-calendar.bpmn", "upgrade/review-calendar-main.bpmn");
    String oldDefinition = latest("key-task").getId();
    String oldCalendarDefinition = latest(ReviewCalendar.PROCESS_KEY).getId();
    clock("2026-03-10T10:00:00+08:00");
    planId = "upm-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance two = keyTask(2);
    assertThat(two.getProcessDefinitionId()).isEqualTo(oldDefinition);
    // Key task 2's March report is open (its own timer, due at once at assignment, fired).
    execute(managementService.createJobQuery().processInstanceId(two.getId()).activityId("StartEvent_MonthlyReportDue").singleResult());
    String marchReport = task("Task_ProgressReport", two).getId();
    ProcessInstance calendar = runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult();
    assertThat(calendar.getProcessDefinitionId()).isEqualTo(oldCalendarDefinition);

    deployCurrent();
    String current = latest("key-task").getId();
    KeyTaskUpgrade.Result result = upgrade.upgrade();

    assertThat(result).isEqualTo(new KeyTaskUpgrade.Result(4, 0, 0, 1));
    for (int no = 1; no <= 4; no++) {
      String id = keyTask(no).getId();
      assertThat(definitionOf(keyTask(no))).isEqualTo(current);
      // The old timer does not survive next to the message start.
      assertThat(managementService.createJobQuery().processInstanceId(id).timers().count()).isZero();
      assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(id).eventName("MonthlyReportDue").count()).isOne();
    }
    assertThat(taskQuery().taskId(marchReport).count()).isOne();
    // Its report's watch, running since the report opened, moved with it into the subprocess that starts watches
    // now (no timer to start a second one, see above).
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(two.getId())
        .variableValueEquals("deadlineKind", "monthly-report").count()).isOne();
    BpmnAwareTests.assertThat(two).isWaitingAt("CallActivity_ReportWatch");
    // The same calendar, moved, waits for April's opening as well as for its quarterly reports.
    assertThat(definitionOf(calendar)).isEqualTo(latest(ReviewCalendar.PROCESS_KEY).getId());
    assertThat(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getDuedate())
        .isEqualTo(at("2026-04-01T08:00:00+08:00"));
    assertThat(managementService.createJobQuery().processInstanceId(calendar.getId()).activityId("Timer_QuarterlyOpens").count()).isOne();
    // Its quarterly and half-year openings, a multi-instance over the dates there, wait in loops here: the timers moved
    // out of the subprocesses (same due dates), the multi-instance's counters and dates went with them.
    assertThat(runtimeService.getVariables(calendar.getId())).doesNotContainKeys("loopCounter", "nrOfInstances",
        "nrOfActiveInstances", "nrOfCompletedInstances", "quarterlyReportDate", "summaryDate");
    BpmnAwareTests.assertThat(calendar).isWaitingAt("Timer_QuarterlyOpens", "Timer_SummaryOpens", "Timer_MonthlyOpens");
    assertThat(managementService.createJobQuery().processInstanceId(calendar.getId()).activityId("Timer_SummaryOpens")
        .singleResult().getDuedate()).isEqualTo(at("2026-06-16T08:00:00+08:00"));
    // 20 March was ten days away at import: its opening is due; it opens March's report, then the loop waits for June's.
    execute(managementService.createJobQuery().processInstanceId(calendar.getId()).activityId("Timer_QuarterlyOpens").singleResult());
    for (int no = 1; no <= 4; no++) {
      assertThat(taskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_QuarterlyReport").list())
          .extracting(t -> t.getDueDate()).containsExactly(at("2026-03-20T23:59:59+08:00"));
    }
    assertThat(managementService.createJobQuery().processInstanceId(calendar.getId()).activityId("Timer_QuarterlyOpens")
        .singleResult().getDuedate()).isEqualTo(at("2026-06-06T08:00:00+08:00"));

    // 1 April: every key task gets April's report from the calendar; key task 2's March report is still there.
    clock("2026-04-01T08:05:00+08:00");
    MonthlyReports.openMonth(managementService, runtimeService, planId);
    for (int no = 1; no <= 4; no++) {
      assertThat(taskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_ProgressReport").list())
          .extracting(t -> t.getDueDate()).contains(at("2026-04-20T23:59:59+08:00"));
    }
    assertThat(taskQuery().taskId(marchReport).singleResult().getName()).endsWith("（3月）");
    assertThat(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getDuedate())
        .isEqualTo(at("2026-05-01T08:00:00+08:00"));
    assertThat(upgrade.upgrade()).isEqualTo(new KeyTaskUpgrade.Result(0, 0, 0, 0));
  }

  /**
   * Key tasks of the calendar's first definition in their June quarterly report (key task 1) and
   * their half-year summary (key task 4), each with its deadline watch running since the work
   * opened: after the upgrade the report is the same open task with its due date, the same watch
   * runs in the subprocess that starts watches now (no start timer beside it), guarding the report
   * (its scope and due date); it reminds, reports the passed deadline to the report (raised, marked
   * overdue), and ends with the report when it is in.
   */
  @Test
  void runningQuarterlyAndSummaryWatches_moveWithTheirReport_andRemindMarkAndEnd() {
    deploy("upgrade/key-task-calendar.bpmn", "upgrade/review-calendar-main.bpmn");
    String oldDefinition = latest("key-task").getId();
    clock("2026-06-17T10:00:00+08:00");
    planId = "upw-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance one = keyTask(1);
    ProcessInstance four = keyTask(4);
    assertThat(one.getProcessDefinitionId()).isEqualTo(oldDefinition);
    // The calendar's openings of 6 and 16 June are due at once: June's report and the half-year summary open,
    // each with its watch (on this definition a watch runs from the work's start); the key tasks' own jobs ran.
    ProcessInstance oldCalendar = runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult();
    TimeTravel.runDueJobs(managementService, oldCalendar.getId());
    TimeTravel.runDueJobs(managementService, one.getId());
    TimeTravel.runDueJobs(managementService, four.getId());
    // Their watches sent what was due at once (the first reminders' days have passed), as the job executor would.
    TimeTravel.runDueWatchJobs(managementService, runtimeService, one.getId());
    TimeTravel.runDueWatchJobs(managementService, runtimeService, four.getId());
    RunningReviewWatches watches = RunningReviewWatches.before(processEngine, one, four);

    deployCurrent();
    String current = latest("key-task").getId();
    KeyTaskUpgrade.Result result = upgrade.upgrade();
    runningInstanceUpgrades.run(null);

    assertThat(result.migrated()).isEqualTo(4);
    for (ProcessInstance pi : java.util.List.of(one, four)) {
      assertThat(definitionOf(pi)).isEqualTo(current);
    }
    watches.assertKept(processEngine);
    watches.assertRemindMarkAndEnd(processEngine, greenMail);
    assertThat(managementService.createJobQuery().processInstanceId(one.getId()).activityId("Timer_QuarterlyWatchStarts").count()).isZero();
    assertThat(upgrade.upgrade()).isEqualTo(new KeyTaskUpgrade.Result(0, 0, 0, 0));
  }

  /**
   * A database of main before the key task's record (the starting point): key tasks on the
   * definition with their own review timers hold their facts as separate variables only. The current
   * definition reads the record during the move already (the date of the completion watch's start
   * timer, which the migration adds around the running watch): each key task gets its record from its
   * separate variables first, then moves; the record upgrade after it only removes those variables.
   */
  @Test
  void keyTasksWithoutTheRecord_getItBeforeTheyMove() {
    deploy("upgrade/key-task-main.bpmn", "upgrade/annual-plan-main.bpmn");
    clock("2026-03-10T10:00:00+08:00");
    planId = "upr-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance one = keyTask(1);
    ProcessInstance oneWatch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(one.getId()).singleResult();
    // As main kept the facts: separate variables, lists as comma text; no record.
    for (int no = 1; no <= 4; no++) {
      String id = keyTask(no).getId();
      KeyTaskRecord record = KeyTaskRecord.read(runtimeService.getVariable(id, KeyTaskRecord.VARIABLE));
      runtimeService.removeVariable(id, KeyTaskRecord.VARIABLE);
      var separate = new java.util.HashMap<String, Object>();
      separate.put(KeyTaskVariables.PLAN_TITLE, record.planTitle());
      separate.put(KeyTaskVariables.PLAN_TIMEZONE, record.planTimezone());
      separate.put(KeyTaskVariables.TASK_TITLE, record.title());
      separate.put(KeyTaskVariables.LEAD_UNIT_ID, record.leadUnit().id());
      separate.put(KeyTaskVariables.LEAD_LEADER_IDS, String.join(",", record.leadLeaders().stream().map(KeyTaskRecord.Ref::id).toList()));
      separate.put(KeyTaskVariables.RESPONSIBLE_UNIT_IDS,
          String.join(",", record.responsibleUnits().stream().map(KeyTaskRecord.Ref::id).toList()));
      separate.put(KeyTaskVariables.DEADLINE_DATE, record.deadline() == null ? null : record.deadline().toString());
      separate.put(KeyTaskReviews.SUMMARY_DATE, record.summaryDate() == null ? null : record.summaryDate().toString());
      separate.put(KeyTaskReviews.PROGRESS_REPORT_DATES, "2026-03-20,2026-06-20,2026-09-20");
      runtimeService.setVariables(id, separate);
    }

    deployCurrent();
    String current = latest("key-task").getId();
    KeyTaskUpgrade.Result result = upgrade.upgrade();

    assertThat(result.migrated()).isEqualTo(4);
    assertThat(definitionOf(one)).isEqualTo(current);
    KeyTaskRecord record = KeyTaskRecord.read(runtimeService.getVariable(one.getId(), KeyTaskRecord.VARIABLE));
    assertThat(record.leadUnit().id()).isEqualTo("t-agri");
    assertThat(record.deadline()).isEqualTo(java.time.LocalDate.parse("2026-10-30"));
    assertThat(record.leadLeaders()).extracting(KeyTaskRecord.Ref::name).containsExactly("张三");
    // Its running completion watch moved with it; no timer starts a second.
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_SignFor", "CallActivity_CompletionWatch");
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(one.getId()).singleResult().getId())
        .isEqualTo(oneWatch.getId());
    assertThat(managementService.createJobQuery().processInstanceId(one.getId()).activityId("Timer_WatchStarts").count()).isZero();
    // The record upgrade then only removes the separate variables.
    assertThat(recordUpgrade.upgrade().recorded()).isZero();
    assertThat(runtimeService.getVariables(one.getId(), KeyTaskRecordUpgrade.REPLACED)).isEmpty();
    complete(task("Task_SignFor", one), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    BpmnAwareTests.assertThat(task("Task_ImplementationPlan", one)).hasCandidateGroup("t-agri");
  }

  String definitionOf(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getProcessDefinitionId();
  }

  ProcessDefinition latest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).withoutTenantId().latestVersion().singleResult();
  }

  void deploy(String... resources) {
    var deployment = repositoryService.createDeployment().name("upgrade test");
    for (String resource : resources) {
      deployment.addClasspathResource(resource);
    }
    deployments.add(deployment.deploy().getId());
  }

  void deployCurrent() {
    deploy("processes/key-task.bpmn", "processes/annual-plan.bpmn", "processes/review-calendar.bpmn");
  }
}
