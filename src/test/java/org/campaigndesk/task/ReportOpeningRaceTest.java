package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.at;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A key task assigned while the plan's calendar announces a report (issue 15's race): the calendar's
 * job reaches the key tasks that were there when it read them, so a key task whose assignment commits
 * later opens the report itself, in a job after its assignment. Both may open it: whichever comes
 * second, or the one of two at the same moment that the engine rolls back and runs again, opens
 * nothing. Each key task gets the report once.
 */
class ReportOpeningRaceTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;

  void importAt(String isoOffsetDateTime) {
    ClockUtil.setCurrentTime(at(isoOffsetDateTime));
    planId = "race-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
  }

  /** The key task's own job that opens a report of {@code message} after its assignment, or null. */
  Job ownOpening(ProcessInstance keyTask, String message) {
    return managementService.createJobQuery().processInstanceId(keyTask.getId()).list().stream()
        .filter(job -> String.valueOf(((JobEntity) job).getJobHandlerConfigurationRaw()).contains("|" + message + "|"))
        .findFirst().orElse(null);
  }

  Job calendarJob(String activityId) {
    String calendar = runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult().getId();
    return managementService.createJobQuery().processInstanceId(calendar).activityId(activityId).singleResult();
  }

  long reports(ProcessInstance keyTask, String taskKey) {
    return taskService.createTaskQuery().processInstanceId(keyTask.getId()).taskDefinitionKey(taskKey).count();
  }

  /** Every due job of the plan (key tasks, their watches, the calendar), as the job executor would run them, until none is due. */
  void runThePlansJobs() {
    for (int round = 0; round < 20; round++) {
      List<String> instances = new ArrayList<>();
      runtimeService.createProcessInstanceQuery().variableValueEquals("planId", planId).list().forEach(pi -> {
        instances.add(pi.getId());
        runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).list().forEach(w -> instances.add(w.getId()));
      });
      List<Job> due = new ArrayList<>();
      for (String instance : instances) {
        due.addAll(managementService.createJobQuery().processInstanceId(instance).executable().list().stream()
            .filter(job -> job.getRetries() > 0).toList());
      }
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        if (managementService.createJobQuery().jobId(job.getId()).count() == 0) {
          continue; // ended by an earlier one of this round (its scope ended)
        }
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException e) {
          // A mail delivery (no SMTP server here): left aside, as the job executor would retry it later.
          managementService.setJobRetries(job.getId(), 0);
        }
      }
    }
  }

  @Test
  void assignedWithinTheHourBeforeTheMonthOpens_checksAtTheOpening_andGetsTheMonthOnce() {
    importAt("2026-04-01T07:30:00+08:00");
    ProcessInstance one = keyTask(1);
    // Its assignment may commit after the calendar's 08:00 job read the key tasks: it checks at 08:00 itself.
    Job own = ownOpening(one, ReviewCalendar.MONTHLY_MESSAGE);
    assertThat(own.getDuedate()).isEqualTo(at("2026-04-01T08:00:00+08:00"));
    assertThat(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getDuedate())
        .isEqualTo(at("2026-04-01T08:00:00+08:00"));

    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    // The key task's own opening first (the calendar had not seen it), then the calendar's, which reaches it too.
    managementService.executeJob(own.getId());
    assertThat(reports(one, "Task_ProgressReport")).isOne();
    MonthlyReports.openMonth(managementService, runtimeService, planId);
    runThePlansJobs();

    for (int no = 1; no <= 4; no++) {
      assertThat(reports(keyTask(no), "Task_ProgressReport")).as("key task %d", no).isOne();
    }
    BpmnAwareTests.assertThat(one).hasPassed("EndEvent_MonthAlreadyOpen");
    assertThat(taskService.createTaskQuery().processInstanceId(one.getId()).taskDefinitionKey("Task_ProgressReport")
        .singleResult().getName()).endsWith("（4月）");
  }

  @Test
  void theCalendarsOpeningFirst_thenTheKeyTasksOwn_opensTheMonthOnce() {
    importAt("2026-04-01T07:30:00+08:00");
    ProcessInstance one = keyTask(1);
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    List<String> own = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId).stream().map(Job::getId).toList();
    assertThat(own).contains(ownOpening(one, ReviewCalendar.MONTHLY_MESSAGE).getId());
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    // The calendar's one opening job for the plan's four key tasks beside their own; the calendar's runs first.
    List<Job> calendars = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId).stream()
        .filter(job -> !own.contains(job.getId())).toList();
    assertThat(calendars).singleElement().satisfies(job -> assertThat(job.getProcessInstanceId()).isNotEqualTo(one.getId()));
    calendars.forEach(job -> managementService.executeJob(job.getId()));
    assertThat(reports(one, "Task_ProgressReport")).isOne();
    own.forEach(managementService::executeJob);

    for (int no = 1; no <= 4; no++) {
      assertThat(reports(keyTask(no), "Task_ProgressReport")).as("key task %d", no).isOne();
    }
    BpmnAwareTests.assertThat(one).hasPassed("EndEvent_MonthAlreadyOpen");
  }

  @Autowired
  org.campaigndesk.kernel.DeferredJobs deferredJobs;

  /** An opening job written by main (no zone in it) runs as it did: it reads the key task's zone. */
  @Test
  void anOpeningJobOfMain_withoutTheZone_opensTheMonthOnce() {
    importAt("2026-03-25T09:00:00+08:00");
    ProcessInstance one = keyTask(1);
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    deferredJobs.schedule(ReviewOpening.TYPE, one.getId() + "|" + ReviewCalendar.MONTHLY_MESSAGE + "|2026-04", one.getId(),
        one.getTenantId());
    managementService.executeJob(ownOpening(one, ReviewCalendar.MONTHLY_MESSAGE).getId());
    assertThat(reports(one, "Task_ProgressReport")).isOne();
    MonthlyReports.openMonth(managementService, runtimeService, planId);
    for (int no = 1; no <= 4; no++) {
      assertThat(reports(keyTask(no), "Task_ProgressReport")).as("key task %d", no).isOne();
    }
    // One for March, run late in April: nothing.
    deferredJobs.schedule(ReviewOpening.TYPE, one.getId() + "|" + ReviewCalendar.MONTHLY_MESSAGE + "|2026-03", one.getId(),
        one.getTenantId());
    managementService.executeJob(ownOpening(one, ReviewCalendar.MONTHLY_MESSAGE).getId());
    assertThat(reports(one, "Task_ProgressReport")).isOne();
  }

  @Test
  void aKeyTaskEndedBeforeTheCalendarsOpeningRan_theOpeningDoesNothing() {
    importAt("2026-03-25T09:00:00+08:00");
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    ProcessInstance one = keyTask(1);
    Job opening = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId).stream()
        .filter(job -> MonthlyReports.opensIn(job, one.getId())).findFirst().orElseThrow();
    runtimeService.deleteProcessInstance(one.getId(), "closed out before its opening ran");

    managementService.executeJob(opening.getId());
    assertThat(managementService.createJobQuery().jobId(opening.getId()).count()).isZero();
    assertThat(taskService.createTaskQuery().processInstanceId(one.getId()).count()).isZero();
    // The others of its job open the month.
    for (int no = 2; no <= 4; no++) {
      assertThat(reports(keyTask(no), "Task_ProgressReport")).as("key task %d", no).isOne();
    }
  }

  @Test
  void aKeyTaskEndedBeforeItsOwnOpeningRan_theOpeningDoesNothing() {
    importAt("2026-04-01T07:30:00+08:00");
    ProcessInstance one = keyTask(1);
    Job own = ownOpening(one, ReviewCalendar.MONTHLY_MESSAGE);
    // The opening job is the key task's, not its execution's: it outlives the instance (as the demo's closed key tasks showed).
    runtimeService.deleteProcessInstance(one.getId(), "closed out before its opening ran");
    assertThat(managementService.createJobQuery().jobId(own.getId()).count()).isOne();

    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    // Ran without an exception (it failed with "execution doesn't exist" before) and is done.
    managementService.executeJob(own.getId());
    assertThat(managementService.createJobQuery().jobId(own.getId()).count()).isZero();
  }

  @Test
  void theKeyTasksOpeningAndTheCalendarsAtTheSameMoment_openTheMonthOnce() throws Exception {
    importAt("2026-04-01T07:45:00+08:00");
    ProcessInstance one = keyTask(1);
    Job own = ownOpening(one, ReviewCalendar.MONTHLY_MESSAGE);
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    // The calendar's job leaves an opening job on every key task it reached: key task 一 has two for April now.
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    List<Job> both = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId).stream()
        .filter(job -> MonthlyReports.opensIn(job, one.getId())).toList();
    assertThat(both).hasSize(2).extracting(Job::getId).contains(own.getId());

    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (Job job : both) {
      runs.add(threads.submit(() -> {
        start.await();
        managementService.executeJob(job.getId());
        return null;
      }));
    }
    start.countDown();
    for (Future<?> run : runs) {
      try {
        run.get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // The one rolled back (both changed key task 一 at once): run again below, as the job executor would.
      }
    }
    threads.shutdown();
    // Retries wait a minute or so; then every opening still due runs.
    ClockUtil.setCurrentTime(at("2026-04-01T08:40:00+08:00"));
    runThePlansJobs();

    for (int no = 1; no <= 4; no++) {
      assertThat(reports(keyTask(no), "Task_ProgressReport")).as("key task %d", no).isOne();
    }
  }

  @Test
  void assignedOnTheDayAQuarterlyReportOpens_opensItItself_andTheCalendarsOpeningOpensNothingMore() {
    // 20 June's quarterly report opens on 6 June at 08:00; the key tasks are assigned at 09:00 that day,
    // while the calendar's announcing job may not have reached them.
    importAt("2026-06-06T09:00:00+08:00");
    ProcessInstance one = keyTask(1);
    Job own = ownOpening(one, ReviewCalendar.QUARTERLY_MESSAGE);
    assertThat(own).isNotNull();
    managementService.executeJob(own.getId());
    assertThat(reports(one, "Task_QuarterlyReport")).isOne();

    managementService.executeJob(calendarJob("Timer_QuarterlyOpens").getId());
    runThePlansJobs();
    for (int no = 1; no <= 4; no++) {
      assertThat(reports(keyTask(no), "Task_QuarterlyReport")).as("key task %d", no).isOne();
    }
    BpmnAwareTests.assertThat(one).hasPassed("EndEvent_QuarterlyAlreadyOpen");
  }

  @Test
  void assignedLongAfterTheOpening_beforeTheCalendarAnnounced_leavesItToTheCalendar() {
    // Three days after the opening: the calendar's job has long run (or runs now and sees this key task).
    importAt("2026-06-09T09:00:00+08:00");
    assertThat(ownOpening(keyTask(1), ReviewCalendar.QUARTERLY_MESSAGE)).isNull();
  }
}
