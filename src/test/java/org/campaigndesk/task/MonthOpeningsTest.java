package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.campaigndesk.TimeTravel.at;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.DeferredJobs;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calendar's month start in jobs of up to 20 key tasks ({@link MonthOpenings}): what one opening
 * guarantees holds for each key task of a job, and one key task that cannot be opened keeps none of
 * the others from their month, failing as its own incident.
 */
class MonthOpeningsTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;
  @Autowired
  DeferredJobs deferredJobs;
  @Autowired
  MonthOpenings monthOpenings;

  /** The test plan imported on 25 March (after the month's report day: nothing opens at assignment). */
  void importInLateMarch() {
    ClockUtil.setCurrentTime(at("2026-03-25T09:00:00+08:00"));
    planId = "mo-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
  }

  List<String> reportNames(ProcessInstance keyTask) {
    return taskService.createTaskQuery().processInstanceId(keyTask.getId()).taskDefinitionKey("Task_ProgressReport").list()
        .stream().map(org.camunda.bpm.engine.task.Task::getName).toList();
  }

  String calendarId() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewCalendar.PROCESS_KEY)
        .variableValueEquals("planId", planId).singleResult().getId();
  }

  /** The key task's record naming a zone that does not exist: opening its month fails (the report's due date needs the zone). */
  void breakZoneOf(ProcessInstance keyTask, String zone) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Object record = runtimeService.getVariable(keyTask.getId(), KeyTaskRecord.VARIABLE);
    ObjectNode node = (ObjectNode) json.readTree(String.valueOf(record));
    node.put("planTimezone", zone);
    runtimeService.setVariable(keyTask.getId(), KeyTaskRecord.VARIABLE, SpinValues.jsonValue(json.writeValueAsString(node)).create());
  }

  @Test
  void theCalendarOpensTheMonth_inOneJobForThePlansKeyTasks_shownOnTheCalendar() {
    importInLateMarch();
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());

    List<Job> jobs = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId);
    assertThat(jobs).hasSize(1);
    Job job = jobs.get(0);
    assertThat(job.getProcessInstanceId()).isEqualTo(calendarId());
    // Not exclusive: a big plan's jobs run side by side though all are shown on its calendar.
    assertThat(((JobEntity) job).isExclusive()).isFalse();
    for (int no = 1; no <= 4; no++) {
      assertThat(MonthlyReports.opensIn(job, keyTask(no).getId())).as("key task %d", no).isTrue();
    }
    managementService.executeJob(job.getId());
    for (int no = 1; no <= 4; no++) {
      assertThat(reportNames(keyTask(no))).as("key task %d", no).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    }
  }

  @Test
  void oneKeyTaskThatCannotBeOpened_failsItsJobOnce_thenTheOthersOpen_andItBecomesItsOwnIncident() throws Exception {
    importInLateMarch();
    ProcessInstance broken = keyTask(2);
    breakZoneOf(broken, "Mars/Olympus_Mons");
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    Job chunk = MonthlyReports.calendarsOpenings(managementService, runtimeService, planId).get(0);

    // First run: the broken key task fails the job, whose openings are all rolled back; retried in a minute.
    assertThatThrownBy(() -> managementService.executeJob(chunk.getId())).hasStackTraceContaining("Mars/Olympus_Mons");
    for (int no = 1; no <= 4; no++) {
      assertThat(reportNames(keyTask(no))).as("key task %d", no).isEmpty();
    }
    Job failed = managementService.createJobQuery().jobId(chunk.getId()).singleResult();
    assertThat(failed.getRetries()).isEqualTo(3);
    assertThat(failed.getDuedate()).isEqualTo(at("2026-04-01T08:01:05+08:00"));
    assertThat(plansInstances()).allSatisfy(id -> assertThat(runtimeService.createIncidentQuery().processInstanceId(id).count())
        .as("no incident yet").isZero());

    // Run again: the job leaves one opening job on each of its key tasks and is done.
    ClockUtil.setCurrentTime(at("2026-04-01T08:01:10+08:00"));
    managementService.executeJob(chunk.getId());
    assertThat(managementService.createJobQuery().jobId(chunk.getId()).count()).isZero();
    List<Job> own = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId);
    assertThat(own).hasSize(4).allSatisfy(job -> assertThat(((JobEntity) job).getJobHandlerConfigurationRaw())
        .startsWith(DeferredJobs.configurationPrefix(ReviewOpening.TYPE)).endsWith("|MonthlyReportDue|2026-04|Asia/Shanghai"));
    assertThat(own).extracting(Job::getProcessInstanceId)
        .containsExactlyInAnyOrder(keyTask(1).getId(), keyTask(2).getId(), keyTask(3).getId(), keyTask(4).getId());

    // As the job executor runs them: the others open April; the broken one fails through its retries into an incident.
    Job brokensJob = own.stream().filter(job -> job.getProcessInstanceId().equals(broken.getId())).findFirst().orElseThrow();
    for (Job job : own) {
      if (job != brokensJob) {
        managementService.executeJob(job.getId());
      }
    }
    for (String later : List.of("2026-04-01T08:01:20+08:00", "2026-04-01T08:03:00+08:00", "2026-04-01T08:09:00+08:00",
        "2026-04-01T08:40:00+08:00")) {
      ClockUtil.setCurrentTime(at(later));
      assertThatThrownBy(() -> managementService.executeJob(brokensJob.getId())).hasStackTraceContaining("Mars/Olympus_Mons");
    }
    for (int no : new int[] {1, 3, 4}) {
      assertThat(reportNames(keyTask(no))).as("key task %d", no).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    }
    assertThat(reportNames(broken)).isEmpty();
    assertThat(managementService.createJobQuery().jobId(brokensJob.getId()).singleResult().getRetries()).isZero();
    Incident incident = runtimeService.createIncidentQuery().processInstanceId(broken.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getConfiguration()).isEqualTo(brokensJob.getId());
    assertThat(incident.getProcessDefinitionId()).isEqualTo(broken.getProcessDefinitionId());
    assertThat(runtimeService.createIncidentQuery().processInstanceId(calendarId()).count()).as("none on the calendar").isZero();

    // Repaired and resolved in Cockpit (retries set), it opens April, late as it is.
    breakZoneOf(broken, "Asia/Shanghai");
    ClockUtil.setCurrentTime(at("2026-04-02T10:00:00+08:00"));
    managementService.setJobRetries(brokensJob.getId(), 1);
    managementService.executeJob(brokensJob.getId());
    assertThat(reportNames(broken)).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(broken.getId()).count()).isZero();
  }

  String[] plansInstances() {
    return runtimeService.createProcessInstanceQuery().variableValueEquals("planId", planId).list().stream()
        .map(ProcessInstance::getId).toArray(String[]::new);
  }

  @Test
  void theSplitOfAJob_leavesNoneOnAKeyTaskThatEnded_andAKeyTasksOwnGoesWithIt() throws Exception {
    importInLateMarch();
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    Job chunk = MonthlyReports.calendarsOpenings(managementService, runtimeService, planId).get(0);
    // The job fails once (key task 一's zone broken, then repaired, as a conflict with a user's work would pass).
    breakZoneOf(keyTask(1), "Mars/Olympus_Mons");
    assertThatThrownBy(() -> managementService.executeJob(chunk.getId())).hasStackTraceContaining("Mars/Olympus_Mons");
    breakZoneOf(keyTask(1), "Asia/Shanghai");
    String four = keyTask(4).getId();
    runtimeService.deleteProcessInstance(four, "closed out before the month's job ran again");
    ClockUtil.setCurrentTime(at("2026-04-01T08:01:10+08:00"));
    managementService.executeJob(chunk.getId());
    List<Job> own = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId);
    assertThat(own).extracting(Job::getProcessInstanceId)
        .containsExactlyInAnyOrder(keyTask(1).getId(), keyTask(2).getId(), keyTask(3).getId());
    String three = keyTask(3).getId();
    runtimeService.deleteProcessInstance(three, "closed out before its opening ran");
    assertThat(managementService.createJobQuery().processInstanceId(three).count()).isZero();
    own.stream().filter(job -> !job.getProcessInstanceId().equals(three)).forEach(job -> managementService.executeJob(job.getId()));
    assertThat(reportNames(keyTask(1))).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    assertThat(reportNames(keyTask(2))).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    assertThat(taskService.createTaskQuery().processInstanceIdIn(three, four).count()).isZero();
  }

  @Test
  void aJobRunLate_opensTheMonthItWasSetFor_andOneStoppedForLonger_opensNothing() {
    importInLateMarch();
    List<String> keyTasks = List.of(keyTask(1).getId(), keyTask(3).getId());
    deferredJobs.scheduleNonExclusive(MonthOpenings.TYPE, MonthOpenings.configuration(YearMonth.parse("2026-04"),
        ZoneId.of("Asia/Shanghai"), keyTasks), calendarId(), keyTask(1).getTenantId());
    // Run on 3 May: April's reports.
    ClockUtil.setCurrentTime(at("2026-05-03T10:00:00+08:00"));
    managementService.executeJob(MonthlyReports.calendarsOpenings(managementService, runtimeService, planId).get(0).getId());
    assertThat(reportNames(keyTask(1))).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    assertThat(reportNames(keyTask(3))).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    assertThat(reportNames(keyTask(2))).isEmpty();

    // Set for March and run in May: March is no longer reported.
    deferredJobs.scheduleNonExclusive(MonthOpenings.TYPE, MonthOpenings.configuration(YearMonth.parse("2026-03"),
        ZoneId.of("Asia/Shanghai"), List.of(keyTask(2).getId())), calendarId(), keyTask(2).getTenantId());
    Job march = MonthlyReports.calendarsOpenings(managementService, runtimeService, planId).get(0);
    managementService.executeJob(march.getId());
    assertThat(managementService.createJobQuery().jobId(march.getId()).count()).isZero();
    assertThat(reportNames(keyTask(2))).isEmpty();
  }

  /**
   * A suspended key task receives no message (the engine correlates to active executions only), also when
   * the job answers the correlation from the trees it read ahead: the others open, it gets nothing.
   */
  @Test
  void aSuspendedKeyTask_receivesNothingFromTheJob_theOthersOpen() {
    importInLateMarch();
    runtimeService.suspendProcessInstanceById(keyTask(3).getId());
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    managementService.executeJob(MonthlyReports.calendarsOpenings(managementService, runtimeService, planId).get(0).getId());
    for (int no : new int[] {1, 2, 4}) {
      assertThat(reportNames(keyTask(no))).as("key task %d", no).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    }
    assertThat(reportNames(keyTask(3))).isEmpty();
  }

  @Test
  void aMonthOpenAlready_isNotOpenedAgainByTheJob() {
    importInLateMarch();
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    MonthlyReports.openIn(runtimeService, keyTask(1).getId());
    assertThat(reportNames(keyTask(1))).hasSize(1);
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    managementService.executeJob(MonthlyReports.calendarsOpenings(managementService, runtimeService, planId).get(0).getId());
    for (int no = 1; no <= 4; no++) {
      assertThat(reportNames(keyTask(no))).as("key task %d", no).singleElement().satisfies(name -> assertThat(name).endsWith("（4月）"));
    }
  }

  /**
   * The job reads the READ grants on its key tasks ahead, in one query: a lead unit holding one is not
   * looked up again; one whose grant is gone (here: removed) is looked up and granted, as before. Each
   * report's group then reads its key task by exactly one grant.
   */
  @Test
  void aLeadUnitWithoutItsReadOnTheKeyTask_isGrantedItByTheJob_theOthersKeepTheirOneGrant() {
    importInLateMarch();
    var authorizations = processEngine.getAuthorizationService();
    String one = keyTask(1).getId();
    authorizations.createAuthorizationQuery().authorizationType(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT)
        .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE).resourceId(one).list()
        .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
    ClockUtil.setCurrentTime(at("2026-04-01T08:00:05+08:00"));
    managementService.executeJob(MonthlyReports.calendarOpening(managementService, runtimeService, planId).getId());
    managementService.executeJob(MonthlyReports.calendarsOpenings(managementService, runtimeService, planId).get(0).getId());

    for (int no = 1; no <= 4; no++) {
      String keyTask = keyTask(no).getId();
      var report = taskService.createTaskQuery().processInstanceId(keyTask).taskDefinitionKey("Task_ProgressReport").singleResult();
      List<String> groups = taskService.getIdentityLinksForTask(report.getId()).stream()
          .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
          .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId).toList();
      assertThat(groups).as("key task %d", no).isNotEmpty();
      for (String group : groups) {
        assertThat(authorizations.createAuthorizationQuery().groupIdIn(group)
            .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE).resourceId(keyTask).list())
            .as("key task %d, group %s", no, group).singleElement()
            .satisfies(grant -> assertThat(grant.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.READ)).isTrue());
      }
    }
  }

  @Test
  void aConfigurationThatIsNotOne_isRefusedNamingThePart() {
    assertThatThrownBy(() -> monthOpenings.run("2026-04|Asia/Shanghai")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("month|zone|key tasks");
    assertThatThrownBy(() -> monthOpenings.run("2026-13|Asia/Shanghai|x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("month-openings month: '2026-13'");
    assertThatThrownBy(() -> monthOpenings.run("2026-04|Nowhere/Zone|x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("month-openings zone: 'Nowhere/Zone'");
  }
}
