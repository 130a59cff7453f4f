package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueJobs;
import static org.campaigndesk.kernel.KeyTaskVariables.*;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.Mails;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.reminder.WatchVariables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Key tasks as today's main runs them: on main's {@code key-task} ({@code legacy-main/processes/key-task.bpmn},
 * and {@code key-task-watch-later.bpmn} from after its completion watch started by a timer; both read
 * {@code ${leadUnitId}} and {@code ${deadline}}), with main's separate variables
 * (lists as comma-separated ids, the deadline three times). The current definitions are deployed on
 * top and the record's upgrade runs as at start-up: every key task gets its record, moves to the
 * current definition and loses the separate variables; then every reader works from the record: the
 * lead unit's next tasks, the deadline's due date and the deadline watch's reminder, the implementation
 * plan's check, the contribution tasks, 分解交办, an extension already granted.
 */
class KeyTaskRecordUpgradeTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  KeyTaskRecordUpgrade upgrade;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  org.campaigndesk.imports.PlanImportService importService;
  @Autowired
  KeyTaskUpgrade keyTaskUpgrade;
  @Autowired
  org.campaigndesk.ops.RunningInstanceUpgrades runningInstanceUpgrades;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void removeTheTestsInstancesAndDeployments() {
    if (planId != null) {
      for (String plan : List.of(planId, planId + "-users")) {
        runtimeService.createProcessInstanceQuery().variableValueEquals("planId", plan).list()
            .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi.getId(), "upgrade test", true, true, true, false));
      }
    }
    java.util.Collections.reverse(deployments);
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  @Test
  void keyTasksOfMain_getTheirRecord_moveToTheCurrentDefinition_andEveryReaderWorks() throws Exception {
    keyTasksOf("legacy-main/processes/key-task.bpmn");
  }

  /** The same from main after its completion watch started later (by a timer, at its first reminder). */
  @Test
  void keyTasksOfMainWhoseWatchStartsLater_getTheirRecord_andEveryReaderWorks() throws Exception {
    keyTasksOf("legacy-main/processes/key-task-watch-later.bpmn");
  }

  void keyTasksOf(String mainResource) throws Exception {
    clock("2026-03-10T10:00:00+08:00");
    planId = "rec-" + UUID.randomUUID().toString().substring(0, 8);
    PlanFacts plan = PlanFacts.of(new PlanReader().read(TestPlans.plan(planId)));
    // The units' and leaders' users (the mails' recipients), as an import of the same county makes them.
    importService.importPlan(TestPlans.plan(planId + "-users"), "test", null);
    deploy(mainResource);
    String mainDefinition = latest().getId();

    // Key task 1 as main started it; it has signed for (its next task's group read from leadUnitId).
    ProcessInstance one = startOnMain(mainDefinition, plan, plan.keyTask(1).orElseThrow(), null);
    complete(task("Task_SignFor", one), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_ImplementationPlan");
    // Key task 2, led by two units, had its deadline extended on main (text rewritten, date moved).
    ProcessInstance two = startOnMain(mainDefinition, plan, plan.keyTask(2).orElseThrow(), LocalDate.parse("2026-07-31"));
    // Key task 3 waits for its owner (分解交办), as main started a task whose plan left it open.
    ProcessInstance three = startAwaitingOwnerOnMain(mainDefinition, plan, plan.keyTask(3).orElseThrow());
    BpmnAwareTests.assertThat(three).isWaitingAt("Task_AssignOwner");

    // Key task 1 opened March's report at assignment (the job has run); key task 2's job has not run yet.
    runDueJobs(managementService, one.getId());
    assertThat(managementService.createJobQuery().processInstanceId(two.getId()).count()).isPositive();

    deploy("processes/key-task.bpmn");
    String current = latest().getId();
    KeyTaskRecordUpgrade.Result result = upgrade.upgrade();

    // Key task 2 cannot move while its job of the application's own is pending: it gets its record and
    // keeps the separate variables its definition reads, and works on there.
    assertThat(result).isEqualTo(new KeyTaskRecordUpgrade.Result(3, 2, 2, 1));
    assertThat(definitionOf(two)).isEqualTo(mainDefinition);
    assertThat(runtimeService.getVariable(two.getId(), LEAD_UNIT_ID)).isEqualTo("t-water");
    runDueJobs(managementService, two.getId());
    BpmnAwareTests.assertThat(task("Task_ProgressReport", two)).hasCandidateGroup("t-water");
    // At the next start it moves and loses them.
    assertThat(upgrade.upgrade()).isEqualTo(new KeyTaskRecordUpgrade.Result(0, 1, 1, 0));
    for (ProcessInstance pi : List.of(one, two, three)) {
      assertThat(definitionOf(pi)).isEqualTo(current);
      assertThat(runtimeService.getVariables(pi.getId(), KeyTaskRecordUpgrade.REPLACED)).as("separate variables left").isEmpty();
      assertThat(runtimeService.getVariables(pi.getId()).keySet()).contains(KeyTaskRecord.VARIABLE, PLAN_ID, TASK_NO, TASK_LABEL,
          DEADLINE_TEXT, LEAD_UNIT_NAME, CAMPAIGN_NAME);
    }
    KeyTaskRecord first = record(one);
    assertThat(first.leadUnit()).isEqualTo(new KeyTaskRecord.Ref("t-agri", "测试县农业农村局"));
    assertThat(first.leadLeaders()).containsExactly(new KeyTaskRecord.Ref("t-zhang", "张三"));
    assertThat(first.responsibleUnits()).extracting(KeyTaskRecord.Ref::id).containsExactly("t-fpb", "t-town1", "t-town2");
    assertThat(first.deadline()).isEqualTo(LocalDate.parse("2026-10-30"));
    assertThat(first.deadlineText()).isEqualTo("2026年10月30日前");
    assertThat(first.progressReportDates()).containsExactly(LocalDate.parse("2026-03-20"), LocalDate.parse("2026-06-20"),
        LocalDate.parse("2026-09-20"));
    KeyTaskRecord second = record(two);
    assertThat(second.coLeadUnits()).containsExactly(new KeyTaskRecord.Ref("t-fpb", "测试县扶贫办"));
    assertThat(second.leadLeaders()).extracting(KeyTaskRecord.Ref::name).containsExactly("张三", "李四");
    assertThat(second.deadline()).isEqualTo(LocalDate.parse("2026-07-31"));
    assertThat(second.extendedFrom()).isEqualTo(LocalDate.parse("2026-06-30"));
    assertThat(runtimeService.getVariable(two.getId(), DEADLINE_TEXT)).isEqualTo("2026年7月31日前（经批准延期，原2026年6月30日前）");
    assertThat(record(three).ownerKnown()).isFalse();
    assertThat(record(three).leadUnit()).isNull();
    assertThat(runtimeService.getVariable(three.getId(), LEAD_UNIT_NAME)).isEqualTo("待明确");
    assertThat(upgrade.upgrade()).as("nothing left to do").isEqualTo(new KeyTaskRecordUpgrade.Result(0, 0, 0, 0));

    // Key task 1 goes on: the plan is checked against the record's units and deadline, contributions open.
    complete(task("Task_ImplementationPlan", one), withVariables("planSummary", "按季度推进",
        "subItemsText", "甲镇｜完成农村厕所改造｜2026-06-30\n测试县农业农村局｜汇总台账｜2026-09-30"));
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_RequestCompletion", "Task_Contribution");
    Task request = task("Task_RequestCompletion", one);
    BpmnAwareTests.assertThat(request).hasCandidateGroup("t-agri");
    assertThat(request.getDueDate()).isEqualTo(at("2026-10-30T23:59:59+08:00"));
    Task contribution = task("Task_Contribution", one);
    BpmnAwareTests.assertThat(contribution).hasCandidateGroup("t-town1");
    assertThat(taskService.getVariable(contribution.getId(), CONTRIBUTOR_UNIT_NAME)).isEqualTo("甲镇");

    // Its deadline watch (started on main, or started now by the key task's timer) reminds the lead
    // unit and its leader with the record's facts.
    clock("2026-10-23T09:00:30+08:00");
    runDueJobs(managementService, one.getId());
    ProcessInstance watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(one.getId())
        .processDefinitionKey(WatchVariables.PROCESS_KEY).variableValueEquals(WatchVariables.DEADLINE_KIND, "completion")
        .singleResult();
    runDueJobs(managementService, watch.getId());
    List<jakarta.mail.internet.MimeMessage> reminders = java.util.Arrays.stream(Mails.received(greenMail))
        .filter(m -> Mails.subjects(new jakarta.mail.internet.MimeMessage[] {m}).get(0).startsWith("【催办】")).toList();
    assertThat(Mails.recipients(reminders.toArray(jakarta.mail.internet.MimeMessage[]::new)))
        .containsExactlyInAnyOrder("t-agri@test.example.org", "t-zhang@test.example.org");
    assertThat(Mails.plainText(reminders.get(0))).contains("【一】产业扶贫成效提升工程").contains("测试县农业农村局")
        .contains("2026年10月30日");

    // 分解交办 on the moved key task 3: the coordinator's choice becomes its record, its lead unit signs for.
    clock("2026-03-11T10:00:00+08:00");
    complete(task("Task_AssignOwner", three), Variables.createVariables()
        .putValue(OwnerAssignment.LEAD_UNIT, "t-water")
        .putValueTyped(OwnerAssignment.LEAD_LEADERS, SpinValues.jsonValue("[\"t-li\"]").create())
        .putValue(OwnerAssignment.DEADLINE_CHOICE, "2026-11-30"));
    runDueJobs(managementService, three.getId());
    BpmnAwareTests.assertThat(task("Task_SignFor", three)).hasCandidateGroup("t-water");
    assertThat(record(three).deadline()).isEqualTo(LocalDate.parse("2026-11-30"));
    assertThat(runtimeService.getVariable(three.getId(), DEADLINE_TEXT)).isEqualTo("2026年11月30日前");
  }

  /**
   * Main's key tasks in a quarterly report (key task 1) and a half-year summary (key task 4), each
   * with its deadline watch running since the work opened (main started watches with the work), as
   * the calendar opened them on 17 June: after the start-up upgrade (key tasks, record, running
   * instances) the same task is open with its due date, the same watch runs in the subprocess that
   * starts watches now, guarding that work with its next reminder's timer, and no timer starts a
   * second; it reminds, marks the report overdue (priority raised), and ends when the work is in.
   */
  @Test
  void keyTasksOfMainInAQuarterlyReportOrSummary_keepTheirRunningWatch() throws Exception {
    clock("2026-06-17T10:00:00+08:00");
    planId = "recw-" + UUID.randomUUID().toString().substring(0, 8);
    PlanFacts plan = PlanFacts.of(new PlanReader().read(TestPlans.plan(planId)));
    importService.importPlan(TestPlans.plan(planId + "-users"), "test", null);
    deploy("legacy-main/processes/key-task.bpmn");
    String mainDefinition = latest().getId();
    ProcessInstance one = startOnMain(mainDefinition, plan, plan.keyTask(1).orElseThrow(), null);
    ProcessInstance four = startOnMain(mainDefinition, plan, plan.keyTask(4).orElseThrow(), null);
    complete(task("Task_SignFor", one), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    // The calendar's announcements as main's calendar sends them (ReviewOpening), then what the job executor runs.
    runtimeService.createMessageCorrelation("QuarterlyReportDue").processInstanceId(one.getId())
        .setVariableToTriggeredScope(KeyTaskReviews.QUARTERLY_REPORT_DATE, "2026-06-20").correlateAllWithResult();
    runtimeService.createMessageCorrelation("HalfYearSummaryDue").processInstanceId(four.getId()).correlateAllWithResult();
    for (ProcessInstance pi : List.of(one, four)) {
      runDueJobs(managementService, pi.getId());
      TimeTravel.runDueWatchJobs(managementService, runtimeService, pi.getId());
    }
    RunningReviewWatches watches = RunningReviewWatches.before(processEngine, one, four);

    deploy("processes/key-task.bpmn");
    String current = latest().getId();
    keyTaskUpgrade.upgrade();
    assertThat(upgrade.upgrade().migrated()).isEqualTo(2);
    runningInstanceUpgrades.run(null);

    for (ProcessInstance pi : List.of(one, four)) {
      assertThat(definitionOf(pi)).isEqualTo(current);
    }
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_ImplementationPlan");
    watches.assertKept(processEngine);
    watches.assertRemindMarkAndEnd(processEngine, greenMail);
    // A report's passed deadline is not the key task's.
    assertThat(record(one).deadlinePassed()).isFalse();
    BpmnAwareTests.assertThat(one).isWaitingAt("Task_ImplementationPlan");
  }

  KeyTaskRecord record(ProcessInstance pi) {
    return KeyTaskRecord.read(runtimeService.getVariable(pi.getId(), KeyTaskRecord.VARIABLE));
  }

  /** A key task on main's definition with the variables main's KeyTaskStarter gave it; {@code extended}: a deadline main extended. */
  ProcessInstance startOnMain(String definitionId, PlanFacts plan, PlanFacts.KeyTask task, LocalDate extended) {
    List<String> contributors = new ArrayList<>(new LinkedHashSet<>(concat(task.coLeadUnitIds(), task.responsibleUnitIds())));
    List<String> involved = concat(task.leadUnitIds(), task.responsibleUnitIds());
    StringBuilder unitNames = new StringBuilder("{");
    for (String id : involved) {
      unitNames.append(unitNames.length() > 1 ? "," : "").append('"').append(id).append("\":\"").append(plan.unitName(id)).append('"');
    }
    LocalDate due = extended == null ? task.dueDate() : extended;
    String deadlineText = extended == null ? task.deadlineText()
        : "2026年7月31日前（经批准延期，原" + org.campaigndesk.plan.ChineseDates.format(task.dueDate()) + "前）";
    VariableMap variables = identity(plan, task)
        .putValue(LEAD_LEADER_IDS, String.join(",", task.leadLeaderIds()))
        .putValue(LEAD_UNIT_ID, task.owningUnitId())
        .putValue(LEAD_UNIT_NAME, plan.unitName(task.owningUnitId()))
        .putValue(CO_LEAD_UNIT_IDS, String.join(",", task.coLeadUnitIds()))
        .putValue(CO_LEAD_UNIT_NAMES, String.join("、", task.coLeadUnitIds().stream().map(plan::unitName).toList()))
        .putValue(RESPONSIBLE_UNIT_IDS, String.join(",", task.responsibleUnitIds()))
        .putValue(RESPONSIBLE_UNIT_NAMES, String.join("、", task.responsibleUnitIds().stream().map(plan::unitName).toList()))
        .putValue(CONTRIBUTOR_UNIT_IDS, String.join(",", contributors))
        .putValueTyped(UNIT_NAMES, SpinValues.jsonValue(unitNames.append('}').toString()).create())
        .putValueTyped(UNIT_ALIASES, SpinValues.jsonValue("{}").create())
        .putValue(DEADLINE, Date.from(due.atTime(KeyTaskStarter.END_OF_DAY).atZone(plan.zone()).toInstant()))
        .putValue(DEADLINE_DATE, due.toString())
        .putValue(DEADLINE_TEXT, deadlineText)
        .putValue(CAMPAIGN_ID, "")
        .putValue(CAMPAIGN_NAME, "—")
        .putValue(KeyTaskReviews.SUMMARY_DATE, task.summaryDate() == null ? null : task.summaryDate().toString())
        .putValue(KeyTaskReviews.PROGRESS_REPORT_DATES,
            String.join(",", plan.progressReportDates().stream().map(LocalDate::toString).toList()));
    return runtimeService.startProcessInstanceById(definitionId, KeyTaskStarter.businessKey(planId, task.no()), variables);
  }

  /** A key task main started while its plan left the owner open: no lead unit, no deadline yet. */
  ProcessInstance startAwaitingOwnerOnMain(String definitionId, PlanFacts plan, PlanFacts.KeyTask task) {
    VariableMap variables = identity(plan, task)
        .putValue(OWNER_KNOWN, false)
        .putValueTyped(OwnerAssignment.UNIT_OPTIONS, SpinValues.jsonValue("[]").create())
        .putValueTyped(OwnerAssignment.LEADER_OPTIONS, SpinValues.jsonValue("[]").create())
        .putValue(DEADLINE_TEXT, "待明确")
        .putValue(LEAD_UNIT_NAME, "待明确")
        .putValue(CAMPAIGN_NAME, "—");
    return runtimeService.startProcessInstanceById(definitionId, KeyTaskStarter.businessKey(planId, task.no()), variables);
  }

  /** What main gave every key task, with the plan's facts (which the annual plan carries; here the key task itself). */
  VariableMap identity(PlanFacts plan, PlanFacts.KeyTask task) {
    return Variables.createVariables()
        .putValueTyped(PlanFacts.VARIABLE, plan.value())
        .putValue(PLAN_ID, plan.planId())
        .putValue(PLAN_TITLE, plan.title())
        .putValue(PLAN_TIMEZONE, plan.timezone())
        .putValue(TASK_NO, task.no())
        .putValue(TASK_TITLE, task.title())
        .putValue(TASK_LABEL, task.label())
        .putValue(TASK_DESCRIPTION, task.description())
        .putValue(OWNER_KNOWN, true)
        .putValue(RESPONSIBLE_PERSON_TEXT, task.responsiblePersonText())
        .putValue(TARGETS_TEXT, task.targetsText())
        .putValue(LEAD_LEADER_NAMES, String.join("、", task.leadLeaderIds().stream().map(plan::leaderName).toList()));
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  String definitionOf(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult().getProcessDefinitionId();
  }

  org.camunda.bpm.engine.repository.ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY).withoutTenantId()
        .latestVersion().singleResult();
  }

  void deploy(String resource) {
    deployments.add(repositoryService.createDeployment().name("record upgrade test").addClasspathResource(resource).deploy().getId());
  }
}
