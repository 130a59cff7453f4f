package org.campaigndesk.campaign;

import org.campaigndesk.TestSmtp;
import org.campaigndesk.Mails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import static org.campaigndesk.Mails.subjects;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueJobs;
import static org.campaigndesk.TimeTravel.runDueWatchJobs;

import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** A plan's year in campaigns, with time travel: the annual-plan and campaign processes on every path. */
class CampaignProcessTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired
  CampaignOpeningMails openingMailsWork;

  void importAt(String isoOffsetDateTime, int shiftMonths) {
    clock(isoOffsetDateTime);
    planId = "c-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(CampaignPlans.plan(planId, shiftMonths), "test", null);
  }

  ProcessInstance annualPlan() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(AnnualPlanStarter.PROCESS_KEY)
        .processInstanceBusinessKey(planId).singleResult();
  }

  HistoricProcessInstance campaign(String campaignId) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(CampaignVariables.PROCESS_KEY)
        .processInstanceBusinessKey(planId).variableValueEquals(CampaignVariables.CAMPAIGN_ID, campaignId).singleResult();
  }

  ProcessInstance running(String campaignId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(campaign(campaignId).getId()).singleResult();
  }

  List<Task> tasks(String processInstanceId, String taskKey) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).list();
  }

  /** Opens a campaign at {@code openAt}, completes the items of {@code doneUnits}, closes it at {@code closeAt}. */
  ProcessInstance runCampaign(String campaignId, String openAt, String closeAt, List<String> doneUnits) {
    clock(openAt);
    ProcessInstance campaign = running(campaignId);
    runDueJobs(managementService, campaign.getId());
    for (Task item : tasks(campaign.getId(), "Task_CampaignItem")) {
      String unit = taskService.getIdentityLinksForTask(item.getId()).get(0).getGroupId();
      if (doneUnits.contains(unit)) {
        complete(item, withVariables("itemReport", "已按要求完成本项工作", "itemCompletedOn", openAt.substring(0, 10)));
      }
    }
    clock(closeAt);
    runDueJobs(managementService, campaign.getId());
    return campaign;
  }

  void reportAndReview(ProcessInstance campaign, String expectedReviewName) {
    tasks(campaign.getId(), "Task_CampaignReport").forEach(report ->
        complete(report, withVariables("campaignReport", "本单位本阶段各项工作按计划推进，完成情况良好")));
    // The review is prepared in a transaction of its own, once every report is stored.
    runDueJobs(managementService, campaign.getId());
    Task review = tasks(campaign.getId(), "Task_CampaignReview").get(0);
    assertThat(review.getName()).isEqualTo(expectedReviewName);
    complete(review, withVariables("reviewConclusion", "各单位工作总体推进有力，同意"));
    BpmnAwareTests.assertThat(campaign).isEnded().hasPassed("EndEvent_CampaignClosed");
  }

  @Test
  void aWholeYearInLufengsWindows_winterCrossesIntoJanuary_thenTheAnnualSummary() {
    importAt("2026-01-01T00:30:00+08:00", 0);
    ProcessInstance plan = annualPlan();
    BpmnAwareTests.assertThat(plan).isActive();
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(plan.getId())
        .processDefinitionKey("key-task").count()).isEqualTo(4);
    // Each key task knows the campaign in which its deadline falls.
    assertThat(runtimeService.getVariable(keyTask(2).getId(), "campaignName")).isEqualTo("夏季提升行动");
    assertThat(runtimeService.getVariable(keyTask(1).getId(), "campaignName")).isEqualTo("冬季决战行动");
    assertThat(runtimeService.getVariable(keyTask(3).getId(), "campaignName")).isEqualTo("冬季决战行动");
    // Only the first campaign runs; the others wait their turn.
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("campaign").processInstanceBusinessKey(planId).count()).isEqualTo(1);
    ProcessInstance spring = running("spring");
    BpmnAwareTests.assertThat(spring).isWaitingAt("Timer_WindowOpens");
    assertThat(managementService.createJobQuery().processInstanceId(spring.getId()).singleResult().getDuedate())
        .isEqualTo(at("2026-01-01T08:00:00+08:00"));

    // Spring opens: a mail to every unit named in it, one task per main content and unit.
    clock("2026-01-01T08:00:30+08:00");
    runDueJobs(managementService, spring.getId());
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【春季攻势行动启动】2026年1月1日至2026年3月31日");
    assertThat(subjects(Mails.received(greenMail))).hasSize(3); // t-fpb, t-agri, t-town1; 乙乡 has no mail address
    List<Task> items = tasks(spring.getId(), "Task_CampaignItem");
    assertThat(items).hasSize(4).allSatisfy(t -> assertThat(t.getDueDate()).isEqualTo(at("2026-03-31T23:59:59+08:00")));
    assertThat(items).extracting(Task::getName).contains("【春季攻势行动】抓实产业扶贫工程 · 甲镇", "【春季攻势行动】研究下发年度脱贫攻坚任务计划 · 测试县扶贫办");
    for (Task item : items) {
      String unit = taskService.getIdentityLinksForTask(item.getId()).get(0).getGroupId();
      if (unit.equals("t-fpb") || unit.equals("t-agri")) {
        complete(item, withVariables("itemReport", "已按要求完成本项工作", "itemCompletedOn", "2026-02-01"));
      }
    }

    // Before the end the reminder machinery reminds the units still at work, without escalating. Until the
    // first reminder there is nothing to do: no watch runs, each open item waits with one timer to start it.
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(spring.getId()).count()).isZero();
    assertThat(managementService.createJobQuery().processInstanceId(spring.getId()).activityId("Timer_ItemWatchStarts").list())
        .hasSize(2).allSatisfy(start -> assertThat(start.getDuedate()).isEqualTo(at("2026-03-24T09:00:00+08:00")));
    greenMail.reset();
    clock("2026-03-24T09:00:30+08:00");
    runDueWatchJobs(managementService, runtimeService, spring.getId());
    ProcessInstance town1Watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(spring.getId())
        .variableValueEquals("leadUnitId", "t-town1").singleResult();
    assertThat(subjects(Mails.received(greenMail))).containsExactly("【催办】【春季攻势行动】抓实产业扶贫工程，抢抓节令还有7天结束");

    // The window closes: what is left is recorded, with who and what, and carried over.
    clock("2026-04-01T00:00:30+08:00");
    runDueJobs(managementService, town1Watch.getId());
    runDueJobs(managementService, spring.getId());
    BpmnAwareTests.assertThat(spring).hasPassed("Timer_WindowCloses", "Task_RecordClose").hasNotPassed("Timer_WindowEnds");
    assertThat((String) runtimeService.getVariable(spring.getId(), "carriedOverText"))
        .contains("甲镇：抓实产业扶贫工程，抢抓节令（结转至夏季提升行动）")
        .contains("乙乡：抓实产业扶贫工程，抢抓节令（结转至夏季提升行动）")
        .doesNotContain("测试县扶贫办");
    assertThat(tasks(spring.getId(), "Task_CampaignItem")).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(spring.getId()).count()).isZero();
    assertThat(subjects(Mails.received(greenMail))).noneMatch(s -> s.contains("逾期"));
    List<Task> reports = tasks(spring.getId(), "Task_CampaignReport");
    assertThat(reports).hasSize(4);
    assertThat(taskService.getVariable(reports.get(0).getId(), "myItemsText")).isNotNull();
    reportAndReview(spring, "【春季攻势行动】阶段工作总结审核");

    // Summer: everything done early; the campaign still closes with its window, then the half-year report.
    ProcessInstance summer = runCampaign("summer", "2026-04-01T08:00:30+08:00", "2026-06-15T10:00:00+08:00", List.of("t-water"));
    BpmnAwareTests.assertThat(summer).isWaitingAt("Timer_WindowEnds");
    clock("2026-07-01T00:00:30+08:00");
    runDueJobs(managementService, summer.getId());
    BpmnAwareTests.assertThat(summer).hasPassed("EndEvent_AllItemsDone", "Timer_WindowEnds").hasNotPassed("Timer_WindowCloses");
    assertThat(runtimeService.getVariable(summer.getId(), "carriedOverText")).isEqualTo("");
    runDueJobs(managementService, summer.getId());
    Task report = tasks(summer.getId(), "Task_CampaignReport").get(0);
    complete(report, withVariables("campaignReport", "饮水安全问题整改已全部完成，台账齐全"));
    runDueJobs(managementService, summer.getId());
    Task halfYear = tasks(summer.getId(), "Task_CampaignReview").get(0);
    assertThat(halfYear.getName()).isEqualTo("【夏季提升行动】半年工作总结审核");
    assertThat((String) taskService.getVariable(halfYear.getId(), "keyTasksInCampaignText"))
        .contains("【二】饮水安全保障工程（2026年6月30日前）：未完成");
    assertThat((String) taskService.getVariable(halfYear.getId(), "unitReportsText")).contains("测试县水务局：饮水安全问题整改已全部完成");
    complete(halfYear, withVariables("reviewConclusion", "上半年工作总体完成，同意"));

    ProcessInstance autumn = runCampaign("autumn", "2026-07-01T08:00:30+08:00", "2026-10-01T00:00:30+08:00", List.of());
    reportAndReview(autumn, "【秋季巩固行动】阶段工作总结审核");

    // Winter runs into January of the next year; open items after the last campaign are overdue.
    ProcessInstance winter = runCampaign("winter", "2026-10-01T08:00:30+08:00", "2027-01-20T10:00:00+08:00", List.of("t-fpb"));
    BpmnAwareTests.assertThat(winter).isWaitingAt("SubProcess_Window");
    clock("2027-02-01T00:00:30+08:00");
    runDueJobs(managementService, winter.getId());
    assertThat((String) runtimeService.getVariable(winter.getId(), "carriedOverText")).isEqualTo("甲镇：开展问题排查清零行动（逾期未完成）");
    reportAndReview(winter, "【冬季决战行动】年度工作总结审核");

    // The year has ended with the winter campaign: open key tasks are carried over, then the annual summary.
    runDueJobs(managementService, plan.getId());
    Task summary = taskService.createTaskQuery().processInstanceId(plan.getId()).taskDefinitionKey("Task_AnnualSummary").singleResult();
    assertThat(summary.getName()).isEqualTo("测试县2026年扶贫开发工作计划 · 年度工作总结");
    assertThat((String) taskService.getVariable(summary.getId(), "keyTaskStatusText"))
        .contains("【一】产业扶贫成效提升工程：未完成，结转下年度");
    assertThat(runtimeService.getVariable(keyTask(1).getId(), "carriedOver")).isEqualTo(true);
    complete(summary, withVariables("annualSummary", "全年重点工作有序推进，四项行动按期开展"));
    BpmnAwareTests.assertThat(plan).hasPassed("Task_RecordCarryOver", "EndEvent_AnnualSummary")
        .isWaitingAt("CallActivity_KeyTasks");
  }

  /**
   * A window closing with more unfinished items than the engine's text column holds in one line
   * list (4,000 characters; found by an upgraded Lufeng plan's last campaign, 200 open items): the
   * window still closes, the form's text lists whole lines and how many it leaves out, the count
   * has them all.
   */
  @Test
  void moreUnfinishedItemsThanATextHolds_theWindowStillCloses() {
    clock("2026-01-01T00:30:00+08:00");
    planId = "c-" + UUID.randomUUID().toString().substring(0, 8);
    String longTitle = "抓实产业扶贫工程抢抓节令".repeat(83); // 996 characters: four such lines pass 4,000
    importService.importPlan(CampaignPlans.plan(planId, 0).replace("研究下发年度脱贫攻坚任务计划", longTitle)
        .replace("抓实产业扶贫工程，抢抓节令", longTitle), "test", null);
    ProcessInstance spring = runCampaign("spring", "2026-01-01T08:00:30+08:00", "2026-04-01T00:00:30+08:00", List.of());

    assertThat(managementService.createJobQuery().processInstanceId(spring.getId()).noRetriesLeft().count()).isZero();
    String text = (String) runtimeService.getVariable(spring.getId(), "carriedOverText");
    assertThat(text.length()).isLessThanOrEqualTo(4000);
    assertThat(text).startsWith("测试县扶贫办：" + longTitle + "（结转至夏季提升行动）\n").endsWith("……另有1项未列出（共4项）");
    assertThat(runtimeService.getVariable(spring.getId(), "carriedOverCount")).isEqualTo(4);
    reportAndReview(spring, "【春季攻势行动】阶段工作总结审核");
  }

  @Test
  void windowsShiftedByAMonth_followThePlan() {
    importAt("2026-01-15T10:00:00+08:00", 1);
    assertThat(managementService.createJobQuery().processInstanceId(running("spring").getId()).singleResult().getDuedate())
        .isEqualTo(at("2026-02-01T08:00:00+08:00"));
    // 30 June falls in the May–July campaign: key task 2 belongs there, and its review is the half-year one.
    assertThat(runtimeService.getVariable(keyTask(2).getId(), "campaignName")).isEqualTo("夏季提升行动");
    ProcessInstance spring = runCampaign("spring", "2026-02-01T08:00:30+08:00", "2026-05-01T00:00:30+08:00", List.of());
    assertThat((String) runtimeService.getVariable(spring.getId(), "carriedOverText")).contains("测试县扶贫办：研究下发年度脱贫攻坚任务计划（结转至夏季提升行动）");
    reportAndReview(spring, "【春季攻势行动】阶段工作总结审核");
    ProcessInstance summer = runCampaign("summer", "2026-05-01T08:00:30+08:00", "2026-08-01T00:00:30+08:00", List.of());
    reportAndReview(summer, "【夏季提升行动】半年工作总结审核");
    ProcessInstance autumn = running("autumn");
    assertThat(managementService.createJobQuery().processInstanceId(autumn.getId()).singleResult().getDuedate())
        .isEqualTo(at("2026-08-01T08:00:00+08:00"));
  }

  @Test
  void importedMidYear_opensTheCurrentCampaignAtOnce_andMarksEarlierOnesPast() {
    importAt("2026-07-15T10:00:00+08:00", 0);
    // Spring and summer are past: no tasks, no mail, no reports; autumn opens now.
    HistoricProcessInstance spring = campaign("spring");
    assertThat(spring.getEndTime()).isNotNull();
    BpmnAwareTests.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(campaign("autumn").getId()).singleResult())
        .isWaitingAt("Timer_WindowOpens");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(spring.getId()).activityId("EndEvent_Past").count()).isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(campaign("summer").getId()).activityId("EndEvent_Past").count()).isEqualTo(1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(spring.getId()).variableName("campaignStatus")
        .singleResult().getValue()).isEqualTo("past");
    ProcessInstance autumn = running("autumn");
    assertThat(managementService.createJobQuery().processInstanceId(autumn.getId()).singleResult().getDuedate())
        .isEqualTo(at("2026-07-15T10:00:00+08:00"));
    runDueJobs(managementService, autumn.getId());
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【秋季巩固行动启动】2026年7月1日至2026年9月30日");
    assertThat(tasks(autumn.getId(), "Task_CampaignItem")).hasSize(1);
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(spring.getId()).count()).isZero();
  }

  /**
   * The opening job mails the units and leaves one job per chunk of items (at most 16; each item its
   * task, and the timer that starts its reminders), instead of creating every item's work itself: a storm of openings drains like plain
   * jobs. Run by two threads at once, each job twice (as by two nodes after a lock expired): no item is
   * lost or made twice, and no item's job conflicts with another's.
   */
  @Test
  void anOpening_leavesOneJobPerChunk_thatTwoThreadsRunAtOnce_eachItemOnce() throws Exception {
    importAt("2026-01-01T00:30:00+08:00", 0);
    ProcessInstance spring = running("spring");
    clock("2026-01-01T08:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Timer_WindowOpens").singleResult().getId());
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Task_OpenCampaign").singleResult().getId());
    // The units' mails are a job of their own beside the items' jobs: the items need not wait for them.
    assertThat(openingMails(spring.getId())).hasSize(1);
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    List<org.camunda.bpm.engine.runtime.Job> itemJobs = managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId(Campaigns.ITEM_CHUNK).executable().list();
    assertThat(itemJobs).as("the 4 items in one chunk").hasSize(1);
    assertThat(tasks(spring.getId(), "Task_CampaignItem")).isEmpty();

    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
    for (org.camunda.bpm.engine.runtime.Job job : itemJobs) {
      for (int node = 0; node < 2; node++) {
        runs.add(threads.submit(() -> {
          start.await();
          managementService.executeJob(job.getId());
          return null;
        }));
      }
    }
    start.countDown();
    int failed = 0;
    for (java.util.concurrent.Future<?> run : runs) {
      try {
        run.get(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        failed++; // the job was done by the other run already (gone, or its row changed): nothing done twice
      }
    }
    threads.shutdown();
    assertThat(failed).isLessThanOrEqualTo(itemJobs.size());

    // Every item's job ran once: one task per main content and unit, each with its timer to start its reminders.
    assertThat(managementService.createJobQuery().processInstanceId(spring.getId()).activityId(Campaigns.ITEM_CHUNK).count()).isZero();
    List<Task> items = tasks(spring.getId(), "Task_CampaignItem");
    assertThat(items).hasSize(4);
    assertThat(items).extracting(Task::getName).doesNotHaveDuplicates();
    assertThat(managementService.createJobQuery().processInstanceId(spring.getId()).activityId("Timer_ItemWatchStarts").list())
        .hasSize(4).allSatisfy(timer -> assertThat(timer.getDuedate()).isEqualTo(at("2026-03-24T09:00:00+08:00")));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(spring.getId()).count()).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(spring.getId()).count()).isZero();
    // The mails, after the items: one to each unit with an address.
    assertThat(subjects(Mails.received(greenMail))).hasSize(3).containsOnly("【春季攻势行动启动】2026年1月1日至2026年3月31日");
    assertThat(openingMails(spring.getId())).isEmpty();

    // An item done before its first reminder leaves no watch behind and no timer to start one.
    complete(items.get(0), withVariables("itemReport", "已按要求完成本项工作", "itemCompletedOn", "2026-01-05"));
    assertThat(managementService.createJobQuery().processInstanceId(spring.getId()).activityId("Timer_ItemWatchStarts").count()).isEqualTo(3);
  }

  /**
   * A chunk whose job fails (here one item names a main content the campaign does not have, so its
   * task cannot be named) makes none of its items' tasks; run again, each item goes on in a job of its
   * own (单独生成): the sound items get their tasks, the broken one fails alone, retried after 1, 5 and
   * 30 minutes, then an incident on that item only.
   */
  @Test
  void aChunkThatFailed_goesOnItemByItem_andOnlyTheBrokenItemFails() {
    importAt("2026-01-01T00:30:00+08:00", 0);
    ProcessInstance spring = running("spring");
    clock("2026-01-01T08:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Timer_WindowOpens").singleResult().getId());
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Task_OpenCampaign").singleResult().getId());
    org.camunda.bpm.engine.runtime.Job chunk = managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId(Campaigns.ITEM_CHUNK).singleResult();
    String items = (String) runtimeService.getVariableLocal(chunk.getExecutionId(), "itemChunk");
    runtimeService.setVariableLocal(chunk.getExecutionId(), "itemChunk",
        items.substring(0, items.length() - 1) + ",{\"item\":99,\"unitId\":\"t-fpb\"}]");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(chunk.getId()))
        .hasMessageContaining("assignment: item 99 is not one of the campaign's 2 main contents");
    assertThat(tasks(spring.getId(), "Task_CampaignItem")).isEmpty();
    // Retried after 1, 5 and 30 minutes (PT1M,PT5M,PT30M).
    assertThat(managementService.createJobQuery().jobId(chunk.getId()).singleResult().getRetries()).isEqualTo(3);

    managementService.executeJob(chunk.getId());
    List<org.camunda.bpm.engine.runtime.Job> alone = managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Event_ItemAlone").list();
    assertThat(alone).hasSize(5).noneMatch(job -> ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).isExclusive());
    int failed = 0;
    for (org.camunda.bpm.engine.runtime.Job job : alone) {
      for (int attempt = 0; attempt < 4; attempt++) {
        try {
          managementService.executeJob(job.getId());
          break;
        } catch (RuntimeException e) {
          failed++;
        }
      }
    }
    assertThat(failed).as("the broken item, at its first run and its three retries").isEqualTo(4);
    assertThat(tasks(spring.getId(), "Task_CampaignItem")).extracting(Task::getName).containsExactlyInAnyOrder(
        "【春季攻势行动】研究下发年度脱贫攻坚任务计划 · 测试县扶贫办", "【春季攻势行动】抓实产业扶贫工程 · 测试县农业农村局",
        "【春季攻势行动】抓实产业扶贫工程 · 甲镇", "【春季攻势行动】抓实产业扶贫工程 · 乙乡");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(spring.getId()).list()).singleElement()
        .satisfies(incident -> assertThat(incident.getActivityId()).isEqualTo("Event_ItemAlone"));
    BpmnAwareTests.assertThat(spring).hasPassed("Event_ItemAlone");
    // The broken item waits at its job's incident in its own scope, with its watch's timer like the others'.
    assertThat(managementService.createJobQuery().processInstanceId(spring.getId()).activityId("Timer_ItemWatchStarts").count())
        .isEqualTo(5);
  }

  /** The chunk's first run makes its items' tasks in its own transaction: no job per item. */
  @Test
  void aChunksItems_areMadeInItsJob_withoutAJobEach() {
    importAt("2026-01-01T00:30:00+08:00", 0);
    ProcessInstance spring = running("spring");
    clock("2026-01-01T08:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Timer_WindowOpens").singleResult().getId());
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Task_OpenCampaign").singleResult().getId());
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId(Campaigns.ITEM_CHUNK).singleResult().getId());
    assertThat(tasks(spring.getId(), "Task_CampaignItem")).hasSize(4);
    BpmnAwareTests.assertThat(spring).isWaitingAt("Task_CampaignItem").hasNotPassed("Event_ItemAlone");
    assertThat(managementService.createJobQuery().processInstanceId(spring.getId()).activityId("Event_ItemAlone").count()).isZero();
  }

  /** The jobs of the campaign's opening mails ({@link CampaignOpeningMails}) still to run. */
  List<org.camunda.bpm.engine.runtime.Job> openingMails(String campaignId) {
    return managementService.createJobQuery().processInstanceId(campaignId).list().stream()
        .filter(job -> job instanceof org.camunda.bpm.engine.impl.persistence.entity.JobEntity entity
            && org.campaigndesk.kernel.DeferredJobs.HANDLER_TYPE.equals(entity.getJobHandlerType())
            && entity.getJobHandlerConfigurationRaw().startsWith(CampaignOpeningMails.TYPE + ":"))
        .toList();
  }

  /**
   * The opening's mails are recorded once per unit, whoever runs their job how often; a failure of
   * the job (here: the database refuses one unit's record) rolls all of them back, is retried after 1,
   * 5 and 30 minutes, then is an incident; resolved, each unit gets its mail once, with its own items.
   */
  @Test
  void openingMails_failingJob_becomesAnIncident_thenEachUnitGetsItsMailOnce() {
    importAt("2026-01-01T00:30:00+08:00", 0);
    ProcessInstance spring = running("spring");
    clock("2026-01-01T08:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Timer_WindowOpens").singleResult().getId());
    managementService.executeJob(managementService.createJobQuery().processInstanceId(spring.getId())
        .activityId("Task_OpenCampaign").singleResult().getId());
    org.camunda.bpm.engine.runtime.Job mails = openingMails(spring.getId()).get(0);

    jdbc.execute("alter table cd_mail add constraint test_refuse_agri check (recipient <> 't-agri@test.example.org') nocheck");
    try {
      List<Long> waits = new java.util.ArrayList<>();
      org.camunda.bpm.engine.runtime.Job attempt = mails;
      while (attempt.getRetries() > 0) {
        String id = attempt.getId();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(id)).isNotNull();
        attempt = managementService.createJobQuery().jobId(id).singleResult();
        if (attempt.getRetries() > 0) {
          waits.add((attempt.getDuedate().getTime() - org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime()) / 60_000);
          org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(attempt.getDuedate());
        }
      }
      assertThat(waits).containsExactly(1L, 5L, 30L);
      assertThat(runtimeService.createIncidentQuery().configuration(mails.getId()).count()).isEqualTo(1);
      // Nothing was recorded: every attempt rolled back whole.
      assertThat(jdbc.queryForObject("select count(*) from cd_mail where process_instance_id = ?", Integer.class,
          spring.getId())).isZero();
    } finally {
      jdbc.execute("alter table cd_mail drop constraint test_refuse_agri");
    }

    managementService.setJobRetries(mails.getId(), 1);
    managementService.executeJob(mails.getId());
    assertThat(runtimeService.createIncidentQuery().configuration(mails.getId()).count()).isZero();
    // Run again (as by a second node, or by hand): nothing more is recorded.
    openingMailsWork.run(spring.getId());
    List<java.util.Map<String, Object>> recorded = jdbc.queryForList("select recipient, text_body from cd_mail"
        + " where process_instance_id = ? and kind = 'CAMPAIGN_OPENED' order by recipient", spring.getId());
    assertThat(recorded).extracting(r -> r.get("RECIPIENT")).containsExactly("t-agri@test.example.org",
        "t-fpb@test.example.org", "t-town1@test.example.org");
    assertThat((String) recorded.get(0).get("TEXT_BODY")).contains("1. 抓实产业扶贫工程，抢抓节令").doesNotContain("研究下发");
    assertThat((String) recorded.get(1).get("TEXT_BODY")).contains("1. 研究下发年度脱贫攻坚任务计划").doesNotContain("抓实产业");
    assertThat(subjects(Mails.received(greenMail))).hasSize(3).containsOnly("【春季攻势行动启动】2026年1月1日至2026年3月31日");
  }
}
