package org.campaigndesk.reminder;

import org.campaigndesk.TestSmtp;
import org.campaigndesk.Mails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.campaigndesk.kernel.DeferredJobs;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import static org.campaigndesk.Mails.recipients;
import static org.campaigndesk.Mails.subjects;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueJobs;
import static org.campaigndesk.TimeTravel.runDueWatchJobs;

import org.campaigndesk.TimeTravel;

import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.mail.FlakyMailSender;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.task.KeyTaskStarter;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reminders, overdue handling, escalation and extension with a real SMTP server (GreenMail) and
 * time travel: the job executor is off, and due jobs are executed by hand after moving the clock.
 */
class DeadlineReminderTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  HistoryService historyService;
  @Autowired
  TestRestTemplate rest;
  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;
  @Autowired
  IdentityService identityService;
  @Autowired
  FlakyMailSender mailSender;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  @BeforeEach
  void importPlan() {
    if (identityService.createUserQuery().userId("t-discipline").count() == 0) {
      User commissioner = identityService.newUser("t-discipline");
      commissioner.setFirstName("测试县纪委监委");
      commissioner.setLastName("");
      commissioner.setEmail("t-discipline@test.example.org");
      commissioner.setPassword("discipline-pw");
      identityService.saveUser(commissioner);
      identityService.createMembership("t-discipline", "discipline-commission");
      // The discipline commission of the test plans' county (the default region).
      identityService.createTenantUserMembership("demo", "t-discipline");
    }
    clock("2026-03-10T10:00:00+08:00");
    planId = "r-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
  }

  /** The due jobs of the key task's deadline watches: the timer that starts the watch, then the watch's own. */
  void runWatchJobs(ProcessInstance keyTask) {
    runDueWatchJobs(managementService, runtimeService, keyTask.getId());
  }

  /** The key task's timer that starts its completion deadline's watch, while the watch has not started. */
  Job watchStart(ProcessInstance keyTask) {
    return managementService.createJobQuery().processInstanceId(keyTask.getId()).activityId(TimeTravel.WATCH_STARTS).singleResult();
  }

  /** Starts the completion deadline's watch (its timer's time has come) as the job executor would. */
  ProcessInstance startWatch(ProcessInstance keyTask) {
    managementService.executeJob(watchStart(keyTask).getId());
    return completionWatch(keyTask);
  }

  ProcessInstance completionWatch(ProcessInstance keyTask) {
    return runtimeService.createProcessInstanceQuery().superProcessInstanceId(keyTask.getId())
        .processDefinitionKey(WatchVariables.PROCESS_KEY).variableValueEquals(WatchVariables.DEADLINE_KIND, "completion")
        .singleResult();
  }

  @Test
  void remindersGoOutAtEachOffset_onWorkingDays_toUnitAndLeaders() throws Exception {
    ProcessInstance pi = keyTask(2);
    Task signFor = task("Task_SignFor", pi);
    // Nothing to do before the first reminder: no watch yet, only the key task's timer that starts it then.
    // 7 days before 30 June is Tuesday 23 June, a holiday in the test calendar: Monday 22 June.
    assertThat(completionWatch(pi)).isNull();
    assertThat(watchStart(pi).getDuedate()).isEqualTo(at("2026-06-22T09:00:00+08:00"));

    clock("2026-06-22T08:59:00+08:00");
    runWatchJobs(pi);
    assertThat(Mails.received(greenMail)).isEmpty();
    assertThat(completionWatch(pi)).isNull();

    clock("2026-06-22T09:00:30+08:00");
    runWatchJobs(pi);
    ProcessInstance watch = completionWatch(pi);
    BpmnAwareTests.assertThat(pi).hasPassed("Timer_WatchStarts");
    assertThat(watchStart(pi)).isNull();
    assertThat(recipients(Mails.received(greenMail))).containsExactlyInAnyOrder("t-water@test.example.org", "t-zhang@test.example.org");
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【催办】【二】饮水安全保障工程 · 办结时限还有8天到期");
    MimeMessage first = Mails.received(greenMail)[0];
    String body = Mails.plainText(first);
    assertThat(body).contains("2026年6月30日").contains("张三、李四").contains("测试县水务局")
        .contains("http://tasklist.test/camunda/app/tasklist/default/#/?task=" + signFor.getId());
    assertThat(first.getContentType()).startsWith("multipart/");

    // 3 days before is Saturday 27 June, a make-up working day: it stays there.
    clock("2026-06-26T18:00:00+08:00");
    runWatchJobs(pi);
    assertThat(Mails.received(greenMail)).hasSize(2);
    clock("2026-06-27T09:00:30+08:00");
    runWatchJobs(pi);
    assertThat(subjects(Mails.received(greenMail))).filteredOn(s -> s.endsWith("还有3天到期")).hasSize(2);

    clock("2026-06-29T09:00:30+08:00");
    runWatchJobs(pi);
    assertThat(subjects(Mails.received(greenMail))).filteredOn(s -> s.endsWith("还有1天到期")).hasSize(2);
    assertThat(Mails.received(greenMail)).hasSize(6);

    // Nothing more before the deadline; the next job is the deadline itself.
    assertThat(managementService.createJobQuery().processInstanceId(watch.getId()).singleResult().getDuedate())
        .isEqualTo(at("2026-06-30T23:59:59+08:00"));
  }

  @Test
  void noReminderAfterTheWorkIsDone() {
    ProcessInstance pi = keyTask(3);
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    complete(task("Task_ImplementationPlan", pi), withVariables("planSummary", "按季度推进", "subItemsText", "测试县农业农村局｜组织培训｜2026-11-30"));
    clock("2026-12-01T10:00:00+08:00");
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary",
        "全年党建扶贫工作已完成", "evidenceDescription", "工作总结", "completedOn", "2026-12-01"));

    // Done before its first reminder: the watch never started, and its start went with the work.
    assertThat(completionWatch(pi)).isNull();
    assertThat(watchStart(pi)).isNull();
    BpmnAwareTests.assertThat(pi).hasPassed("EndEvent_CompletionRequested").hasNotPassed("Timer_WatchStarts")
        .isWaitingAt("Task_Acceptance");
    clock("2027-01-05T10:00:00+08:00");
    assertThat(managementService.createJobQuery().processDefinitionKey(WatchVariables.PROCESS_KEY)
        .processInstanceId(pi.getId()).count()).isZero();
    List<Job> completionJobs = new ArrayList<>();
    runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).list().stream()
        .filter(w -> "completion".equals(runtimeService.getVariable(w.getId(), WatchVariables.DEADLINE_KIND)))
        .forEach(w -> completionJobs.addAll(managementService.createJobQuery().processInstanceId(w.getId()).list()));
    assertThat(completionJobs).isEmpty();
    assertThat(subjects(Mails.received(greenMail))).noneMatch(s -> s.contains("办结时限"));
  }

  @Test
  void workArrivingWithLittleTimeLeft_getsOneReminderAtOnce() {
    clock("2026-06-28T15:00:00+08:00");
    String latePlan = planId + "-late";
    importService.importPlan(TestPlans.plan(latePlan), "test", null);
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(latePlan, 2)).singleResult();
    // A reminder due already: the watch starts at once.
    assertThat(watchStart(pi).getDuedate()).isEqualTo(at("2026-06-28T15:00:00+08:00"));
    runWatchJobs(pi);
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【催办】【二】饮水安全保障工程 · 办结时限还有2天到期");
    assertThat(Mails.received(greenMail)).hasSize(2);
    assertThat(managementService.createJobQuery().processInstanceId(completionWatch(pi).getId()).singleResult()
        .getDuedate()).isEqualTo(at("2026-06-29T09:00:00+08:00"));
  }

  @Test
  void workArrivingOnItsDueDay_isRemindedThatItIsDueToday() {
    clock("2026-06-30T08:00:00+08:00");
    String latePlan = planId + "-today";
    importService.importPlan(TestPlans.plan(latePlan), "test", null);
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(latePlan, 2)).singleResult();
    runWatchJobs(pi);
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【催办】【二】饮水安全保障工程 · 办结时限今天到期");
    assertThat(Mails.plainText(Mails.received(greenMail)[0])).contains("到期，就是今天。").doesNotContain("还有0天");
  }

  @Test
  void overdue_thenInterviewAfterTheGracePeriod_andAccountabilityListedWithTheKeyTask() throws Exception {
    ProcessInstance pi = keyTask(2);
    clock("2026-06-29T09:00:30+08:00");
    runWatchJobs(pi);
    ProcessInstance watch = completionWatch(pi);
    greenMail.reset();

    clock("2026-07-01T00:00:30+08:00");
    runWatchJobs(pi);
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【逾期】【二】饮水安全保障工程 · 办结时限已逾期1天");
    assertThat(recipients(Mails.received(greenMail))).containsExactlyInAnyOrder("t-water@test.example.org", "t-zhang@test.example.org",
        "admin@test.example.org");
    // The watch reported it; the key task recorded it in its own scope (no writing into it from outside).
    BpmnAwareTests.assertThat(pi).hasPassed("Task_RecordDeadlineStatus");
    assertThat(runtimeService.getVariable(pi.getId(), WatchVariables.DEADLINE_PASSED)).isEqualTo(true);
    Task signFor = task("Task_SignFor", pi);
    assertThat(signFor.getPriority()).isEqualTo(WatchVariables.OVERDUE_PRIORITY);
    assertThat(taskService.getVariable(signFor.getId(), "overdue")).isEqualTo(true);
    // A step opened later starts out overdue too.
    complete(signFor, withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    assertThat(task("Task_ImplementationPlan", pi).getPriority()).isEqualTo(WatchVariables.OVERDUE_PRIORITY);

    // Grace period: 5 working days after 30 June is Tuesday 7 July.
    clock("2026-07-07T08:59:00+08:00");
    runWatchJobs(pi);
    assertThat(taskQuery().processInstanceId(watch.getId()).count()).isZero();
    greenMail.reset();
    clock("2026-07-07T09:00:30+08:00");
    runWatchJobs(pi);
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【约谈通知】【二】饮水安全保障工程 · 办结时限逾期未完成");
    assertThat(recipients(Mails.received(greenMail))).containsExactlyInAnyOrder("t-discipline@test.example.org", "t-water@test.example.org");

    ProcessInstance escalation = runtimeService.createProcessInstanceQuery().processDefinitionKey(StartEscalation.PROCESS_KEY)
        .variableValueEquals(StartEscalation.GUARDED_INSTANCE_ID, pi.getId()).singleResult();
    Task interview = taskQuery().processInstanceId(escalation.getId()).singleResult();
    assertThat(interview.getTaskDefinitionKey()).isEqualTo("Task_Interview");
    assertThat(interview.getName()).isEqualTo("【二】饮水安全保障工程 · 约谈");
    assertThat(taskService.getIdentityLinksForTask(interview.getId())).anyMatch(l -> "discipline-commission".equals(l.getGroupId()));
    assertThat(taskService.getVariable(interview.getId(), "daysOverdue")).isEqualTo(7);
    BpmnAwareTests.assertThat(watch).isWaitingAt("Event_AwaitWorkDone");

    // The unit finishes the work now: the watch ends, the interview for the missed deadline does not.
    complete(task("Task_ImplementationPlan", pi), withVariables("planSummary", "补做方案", "subItemsText", "乙乡｜水窖修缮｜2026-07-31"));
    taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list()
        .forEach(t -> complete(t, withVariables("contributionReport", "已完成本单位任务", "contributionDate", "2026-07-07")));
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary", "饮水安全问题全部解决",
        "evidenceDescription", "水质检测报告", "completedOn", "2026-07-07"));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(watch.getId()).count()).isZero();
    complete(interview, withVariables("interviewDate", "2026-07-08", "interviewers", "县纪委监委第二监督检查室",
        "interviewee", "测试县水务局局长", "interviewOutcome", "说明逾期原因并承诺7月底前完成"));
    complete(taskQuery().processInstanceId(escalation.getId()).singleResult(),
        withVariables("accountability", "criticism", "accountabilityNote", "全县通报批评"));

    // The escalation keeps its record; the key task is not written into, the ledger and the dossier list it from there.
    AccountabilityRecord record = AccountabilityRecord.read(historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(escalation.getId()).variableName(AccountabilityRecord.VARIABLE).singleResult().getValue());
    assertThat(record.decision()).isEqualTo("criticism");
    assertThat(record.note()).isEqualTo("全县通报批评");
    assertThat(record.line()).contains("2026-07-08").contains("测试县水务局局长").contains("7月底前完成");
    assertThat(runtimeService.getVariable(pi.getId(), "interviewRecord")).isNull();
    assertThat(runtimeService.getVariable(pi.getId(), "accountabilityDecision")).isNull();
    com.fasterxml.jackson.databind.JsonNode detail = org.campaigndesk.kernel.Json.MAPPER.readTree(rest.withBasicAuth("admin", "test-admin")
        .getForEntity("/api/ledger/" + pi.getId(), String.class).getBody());
    // Shown with the accountability form's label, not the stored value.
    assertThat(detail.path("recorded")).filteredOn(r -> r.path("variable").asText().equals("interviewRecord"))
        .singleElement().satisfies(r -> assertThat(r.path("value").asText()).isEqualTo(record.line("通报批评"))
            .contains("问责决定：通报批评").doesNotContain("criticism"));
    assertThat(detail.path("recorded")).filteredOn(r -> r.path("variable").asText().equals("accountabilityDecision"))
        .singleElement().satisfies(r -> assertThat(r.path("value").asText()).isEqualTo("通报批评"));
    com.fasterxml.jackson.databind.JsonNode dossier = org.campaigndesk.kernel.Json.MAPPER.readTree(rest.withBasicAuth("admin", "test-admin")
        .getForEntity("/api/ledger/" + pi.getId() + "/dossier", String.class).getBody());
    assertThat(dossier.path("escalations")).extracting(r -> r.path("variable").asText())
        .containsExactly("interviewRecord", "accountabilityDecision", "accountabilityNote");
    BpmnAwareTests.assertThat(escalation).isEnded().hasPassedInOrder("Task_Interview", "Task_AccountabilityDecision",
        "Task_RecordAccountability", "EndEvent_AccountabilityDecided");
    BpmnAwareTests.assertThat(watch).isEnded().hasPassedInOrder("Timer_Deadline", "Task_MarkOverdue",
        "Task_SendOverdueNotice", "Timer_GracePeriod", "Task_SendInterviewNotice", "Task_StartEscalation");
  }

  @Test
  void extensionAfterTheInterviewStarted_watchesTheNewDeadline() {
    ProcessInstance pi = keyTask(3);
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    complete(task("Task_ImplementationPlan", pi), withVariables("planSummary", "按季度推进", "subItemsText", "t-agri｜组织培训｜2026-11-30"));
    clock("2027-01-01T00:00:30+08:00");
    runWatchJobs(pi);
    ProcessInstance watch = completionWatch(pi);
    clock("2027-01-08T09:00:30+08:00");
    runWatchJobs(pi);
    BpmnAwareTests.assertThat(watch).isWaitingAt("Event_AwaitWorkDone");
    assertThat(task("Task_RequestCompletion", pi).getPriority()).isEqualTo(WatchVariables.OVERDUE_PRIORITY);

    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "extension",
        "extensionNewDate", "2027-03-31", "extensionReason", "冬季无法施工，开春后完成剩余工作"));
    complete(task("Task_DecideExtension", pi), withVariables("extensionApproved", "approve", "extensionDecisionComment", "同意"));
    runDueJobs(managementService, pi.getId());
    BpmnAwareTests.assertThat(watch).hasPassed("Task_RescheduleDeadline").isWaitingAt("Timer_NextReminder");
    assertThat(nextTimer(watch).getDuedate()).isEqualTo(at("2027-03-24T09:00:00+08:00"));
    assertThat(task("Task_RequestCompletion", pi).getPriority()).isEqualTo(Task.PRIORITY_NORMAL);
    assertThat(taskService.getVariable(task("Task_RequestCompletion", pi).getId(), "overdue")).isEqualTo(false);
  }

  @Test
  void approvedExtension_movesEveryPendingTimer_andNoStaleReminderFires() {
    ProcessInstance pi = keyTask(1);
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    complete(task("Task_ImplementationPlan", pi), withVariables("planSummary", "分阶段推进", "subItemsText", "甲镇｜种植｜2026-09-30"));
    taskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list()
        .forEach(t -> complete(t, withVariables("contributionReport", "已完成本单位任务", "contributionDate", "2026-09-30")));

    // Before its first reminder the watch has not started: only its start waits, for 23 October.
    clock("2026-10-20T10:00:00+08:00");
    assertThat(completionWatch(pi)).isNull();
    assertThat(watchStart(pi).getDuedate()).isEqualTo(at("2026-10-23T09:00:00+08:00"));
    assertThatThrownBy(() -> taskService.complete(task("Task_RequestCompletion", pi).getId(),
        withVariables("requestKind", "extension", "extensionNewDate", "2026-10-01", "extensionReason", "")))
        .hasMessageContaining("申请延期至：2026-10-01 不晚于现完成时限 2026-10-30").hasMessageContaining("延期理由：不能为空");
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "extension",
        "extensionNewDate", "2026-12-15", "extensionReason", "受汛期影响，种植推迟一个半月"));
    Task decision = task("Task_DecideExtension", pi);
    assertThat(decision.getName()).isEqualTo("【一】产业扶贫成效提升工程 · 延期审批");
    complete(decision, withVariables("extensionApproved", "approve", "extensionDecisionComment", "同意"));
    runDueJobs(managementService, pi.getId());

    // Before the decision: 甲镇's contribution task and the 知会 of the other township (hand-overs, issue 13).
    assertThat(subjects(Mails.received(greenMail))).containsExactly("【配合任务】【一】产业扶贫成效提升工程 · 责任单位落实",
        "【知会】【一】产业扶贫成效提升工程", "【延期申请同意】【一】产业扶贫成效提升工程", "【延期申请同意】【一】产业扶贫成效提升工程");
    assertThat(runtimeService.getVariable(pi.getId(), "deadlineText")).isEqualTo("2026年12月15日前（经批准延期，原2026年10月30日前）");
    assertThat(task("Task_RequestCompletion", pi).getDueDate()).isEqualTo(at("2026-12-15T23:59:59+08:00"));
    // No message was lost on a watch not yet there: its start moved with the deadline, 7 days before
    // 15 December is Tuesday 8 December, and the watch reads the new deadline when it starts.
    assertThat(completionWatch(pi)).isNull();
    assertThat(watchStart(pi).getDuedate()).isEqualTo(at("2026-12-08T09:00:00+08:00"));

    greenMail.reset();
    clock("2026-10-31T10:00:00+08:00");
    runWatchJobs(pi);
    assertThat(Mails.received(greenMail)).isEmpty();
    assertThat(completionWatch(pi)).isNull();
    clock("2026-12-08T09:00:30+08:00");
    runWatchJobs(pi);
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【催办】【一】产业扶贫成效提升工程 · 办结时限还有7天到期");
    ProcessInstance watch = completionWatch(pi);
    assertThat(runtimeService.getVariable(watch.getId(), WatchVariables.DUE_DATE)).isEqualTo(at("2026-12-15T23:59:59+08:00"));
    BpmnAwareTests.assertThat(watch).hasNotPassed("BoundaryEvent_DeadlineExtended").isWaitingAt("Timer_NextReminder");
    assertThat(nextTimer(watch).getDuedate()).isEqualTo(at("2026-12-11T09:00:00+08:00"));
    BpmnAwareTests.assertThat(pi).hasPassed("Task_DecideExtension", "Task_ApplyExtension", "Task_SendExtensionDecision");
  }

  @Test
  void refusedExtension_keepsTheDeadline() {
    ProcessInstance pi = keyTask(3);
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    complete(task("Task_ImplementationPlan", pi), withVariables("planSummary", "按季度推进", "subItemsText", "t-agri｜组织培训｜2026-11-30"));
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "extension",
        "extensionNewDate", "2027-01-31", "extensionReason", "年底工作任务重，申请延期一个月"));
    complete(task("Task_DecideExtension", pi), withVariables("extensionApproved", "refuse", "extensionDecisionComment", "须按期完成"));
    runDueJobs(managementService, pi.getId());
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【延期申请不同意】【三】党建扶贫双推进提升工程");
    assertThat(Mails.plainText(Mails.received(greenMail)[0])).contains("须按期完成");
    assertThat(runtimeService.getVariable(pi.getId(), "deadlineText")).isEqualTo("全年推进（2026年12月31日前）");
    BpmnAwareTests.assertThat(pi).hasPassed("Task_DecideExtension", "Task_SendExtensionDecision")
        .hasNotPassed("Task_ApplyExtension").isWaitingAt("Task_RequestCompletion");
  }

  /** The reminder step records one pending mail per recipient and leaves one delivery job each (MailDelivery). */
  List<Job> deliveries(ProcessInstance watch) {
    return managementService.createJobQuery().processInstanceId(watch.getId()).list().stream()
        .filter(job -> DeferredJobs.HANDLER_TYPE.equals(((JobEntity) job).getJobHandlerType())).toList();
  }

  @Test
  void aMailWhoseRecordCannotBeWritten_isNeverSent() {
    // The database refuses one recipient's new record (a constraint the test adds for the purpose; H2: not checked on old rows).
    jdbc.execute("alter table cd_mail add constraint test_refuse_water check (recipient <> 't-water@test.example.org') nocheck");
    try {
      clock("2026-06-22T09:00:30+08:00");
      ProcessInstance watch = startWatch(keyTask(2));
      managementService.executeJob(nextTimer(watch).getId());
      Job step = managementService.createJobQuery().processInstanceId(watch.getId()).executable().singleResult();
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> managementService.executeJob(step.getId())).isNotNull();
      }
      // The step's transaction, with both records and both deliveries, rolled back every time: nothing went out.
      assertThat(deliveries(watch)).isEmpty();
      assertThat(Mails.received(greenMail)).isEmpty();
    } finally {
      jdbc.execute("alter table cd_mail drop constraint test_refuse_water");
    }
  }

  @Test
  void anAddressLongerThanTheMailRecordTakes_isSkipped_theOthersGetTheirMail() {
    // Import refuses such an address (200 characters at most); Camunda Admin takes 255.
    User water = identityService.createUserQuery().userId("t-water").singleResult();
    String before = water.getEmail();
    water.setEmail("w".repeat(210) + "@test.example.org");
    identityService.saveUser(water);
    try {
      clock("2026-06-22T09:00:30+08:00");
      ProcessInstance watch = startWatch(keyTask(2));
      managementService.executeJob(nextTimer(watch).getId());
      Job step = managementService.createJobQuery().processInstanceId(watch.getId()).executable().singleResult();
      managementService.executeJob(step.getId());
      assertThat(recipients(Mails.received(greenMail))).containsExactly("t-zhang@test.example.org");
      assertThat(managementService.createJobQuery().processInstanceId(watch.getId()).withException().count()).isZero();
    } finally {
      water.setEmail(before);
      identityService.saveUser(water);
    }
  }

  @Test
  void aFailedDeliveryIsRetried_andEachMailGoesOutOnce() {
    clock("2026-06-22T09:00:30+08:00");
    ProcessInstance watch = startWatch(keyTask(2));
    managementService.executeJob(nextTimer(watch).getId());
    Job step = managementService.createJobQuery().processInstanceId(watch.getId()).executable().singleResult();
    mailSender.failOnceFor("t-zhang@test.example.org");

    // Deciding sends nothing: it records both mails as pending and leaves their deliveries.
    managementService.executeJob(step.getId());
    assertThat(deliveries(watch)).hasSize(2);
    assertThat(greenMail.getReceivedMessages()).isEmpty();

    assertThat(recipients(Mails.received(greenMail))).containsExactly("t-water@test.example.org");
    Job failed = deliveries(watch).get(0);
    assertThat(failed.getRetries()).isEqualTo(3);
    ClockUtil.setCurrentTime(failed.getDuedate());
    assertThat(recipients(Mails.received(greenMail))).containsExactlyInAnyOrder("t-water@test.example.org", "t-zhang@test.example.org");
    // Nothing left to deliver, nothing sent twice; the step, run again, records nothing new.
    assertThat(deliveries(watch)).isEmpty();
    assertThat(Mails.received(greenMail)).hasSize(2);
  }

  @Test
  void oneDeliveryRunByTwoNodesAtOnce_sendsOnce() throws Exception {
    clock("2026-06-22T09:00:30+08:00");
    ProcessInstance watch = startWatch(keyTask(2));
    managementService.executeJob(nextTimer(watch).getId());
    managementService.executeJob(managementService.createJobQuery().processInstanceId(watch.getId()).singleResult().getId());
    // Each delivery run twice at the same moment, as by two nodes when the first one's lock on the job had expired.
    for (Job delivery : deliveries(watch)) {
      java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        runs.add(nodes.submit(() -> {
          start.await();
          managementService.executeJob(delivery.getId());
          return null;
        }));
      }
      start.countDown();
      int failed = 0;
      for (java.util.concurrent.Future<?> run : runs) {
        try {
          run.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          failed++; // the job was gone (done by the other) or its row locked: either way not sent twice
        }
      }
      nodes.shutdown();
      assertThat(failed).isLessThanOrEqualTo(1);
    }
    assertThat(recipients(greenMail.getReceivedMessages())).containsExactlyInAnyOrder("t-water@test.example.org", "t-zhang@test.example.org");
    assertThat(deliveries(watch)).isEmpty();
  }

  @Test
  void smtpDown_retriesWithBackoff_thenIncident_thenOneMailOnceResolved() {
    clock("2026-06-22T09:00:30+08:00");
    ProcessInstance watch = startWatch(keyTask(2));
    managementService.executeJob(nextTimer(watch).getId());
    greenMail.stop();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(watch.getId()).singleResult().getId());

    for (Job delivery : deliveries(watch)) {
      List<Long> waits = new ArrayList<>();
      Job send = delivery;
      for (int attempt = 0; attempt < 10 && send.getRetries() > 0; attempt++) {
        Job current = send;
        assertThatThrownBy(() -> managementService.executeJob(current.getId())).isNotNull();
        send = managementService.createJobQuery().jobId(send.getId()).singleResult();
        if (send.getRetries() > 0) {
          waits.add((send.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime()) / 60_000);
          ClockUtil.setCurrentTime(send.getDuedate());
        }
      }
      assertThat(waits).containsExactly(1L, 5L, 30L);
      assertThat(runtimeService.createIncidentQuery().configuration(send.getId()).count()).isEqualTo(1);
    }

    greenMail.start();
    List<String> failedIds = deliveries(watch).stream().map(Job::getId).toList();
    for (Job delivery : deliveries(watch)) {
      managementService.setJobRetries(delivery.getId(), 1);
      managementService.executeJob(delivery.getId());
    }
    assertThat(recipients(greenMail.getReceivedMessages())).containsExactlyInAnyOrder("t-water@test.example.org", "t-zhang@test.example.org");
    assertThat(deliveries(watch)).isEmpty();
    assertThat(failedIds).hasSize(2).allSatisfy(id ->
        assertThat(runtimeService.createIncidentQuery().configuration(id).count()).isZero());
  }

  /** The plain-text part of a multipart mail, decoded. */


  Job nextTimer(ProcessInstance watch) {
    return managementService.createJobQuery().processInstanceId(watch.getId()).timers().singleResult();
  }
}
