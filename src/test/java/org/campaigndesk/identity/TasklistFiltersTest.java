package org.campaigndesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TasklistFiltersTest extends AbstractAppTest {

  @Autowired
  FilterService filterService;
  @Autowired
  TaskService taskService;
  @Autowired
  IdentityService identityService;
  @Autowired
  PlanImportService importService;
  @Autowired
  org.camunda.bpm.engine.ManagementService managementService;
  @Autowired
  org.camunda.bpm.engine.RuntimeService runtimeService;

  @AfterEach
  void logOut() {
    identityService.clearAuthentication();
  }

  Filter filter(String name) {
    return filterService.createFilterQuery().filterName(name).singleResult();
  }

  List<Task> listAs(String user, String filterName) {
    // As the web apps log a user in: with the counties (tenants) the user belongs to.
    List<String> tenants = identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true).list().stream()
        .map(org.camunda.bpm.engine.identity.Tenant::getId).toList();
    identityService.setAuthentication(user, List.of(user), tenants);
    try {
      return filterService.list(filter(filterName).getId());
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void unitFilters_showTheUnitsOwnTasks_dueSoon_andOverdue() {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-06-25T10:00:00+08:00").toInstant()));
    String yaml = TestPlans.plan("filter-plan").replace("t-", "fz-").replace("progressReportDates: [2026-03-20, 2026-06-20, 2026-09-20]", "");
    importService.importPlan(yaml, "test", null);

    List<Task> mine = listAs("fz-water", TasklistFilters.MY_UNIT);
    assertThat(mine).isNotEmpty().allSatisfy(t -> assertThat(taskService.getIdentityLinksForTask(t.getId()))
        .anyMatch(l -> "fz-water".equals(l.getGroupId())));
    assertThat(mine).extracting(Task::getName).contains("【二】饮水安全保障工程 · 签收");
    // Sign-for is due in 3 days: due soon, not overdue.
    assertThat(listAs("fz-water", TasklistFilters.MY_DUE_SOON)).extracting(Task::getName).contains("【二】饮水安全保障工程 · 签收");
    assertThat(listAs("fz-water", TasklistFilters.MY_OVERDUE)).isEmpty();

    // 29 June: the sign-for is past its own due date (28 June), but the key task (due 30 June) is not overdue: not listed.
    planId = "filter-plan";
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-06-29T10:00:00+08:00").toInstant()));
    assertThat(listAs("fz-water", TasklistFilters.MY_OVERDUE)).isEmpty();
    // 1 July: the key task's deadline has passed (its watch marks it overdue): all its open tasks are listed, the
    // monthly report too, whatever their own due dates; the coordinators' 全部逾期 agrees.
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-07-01T10:00:00+08:00").toInstant()));
    // The month's report opens, and the key task's deadline watch fires (mail jobs are left: no SMTP server here).
    MonthlyReports.openMonth(managementService, runtimeService, planId);
    // The watch starts (its first reminder's time has come).
    managementService.createJobQuery().processInstanceId(keyTask(2).getId()).activityId("Timer_WatchStarts").executable().list()
        .forEach(start -> managementService.executeJob(start.getId()));
    String watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(keyTask(2).getId())
        .variableValueEquals("deadlineKind", "completion").singleResult().getId();
    // Its reminders (27 and 29 June) come first, then the deadline; a mail delivery fails here and is set aside.
    for (int round = 0; round < 10 && runtimeService.getVariable(keyTask(2).getId(), "deadlinePassed") == null; round++) {
      for (var job : managementService.createJobQuery().processInstanceId(watch).executable().list()) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException e) {
          managementService.setJobRetries(job.getId(), 0);
        }
      }
    }
    assertThat(runtimeService.getVariable(keyTask(2).getId(), "deadlinePassed")).isEqualTo(true);
    List<Task> overdue = listAs("fz-water", TasklistFilters.MY_OVERDUE);
    assertThat(overdue).extracting(Task::getName).contains("【二】饮水安全保障工程 · 签收", "【二】饮水安全保障工程 · 月度进展报告（7月）")
        .allMatch(name -> name.startsWith("【二】"));
    assertThat(overdue).extracting(Task::getProcessInstanceId).containsOnly(keyTask(2).getId());
    // Urgency: the overdue step (priority raised) before the report, which is due later.
    assertThat(overdue.get(0).getName()).endsWith("签收");
    List<Task> all = filterService.list(filter(TasklistFilters.ALL_OVERDUE).getId());
    assertThat(all).extracting(Task::getProcessInstanceId).contains(keyTask(2).getId()).doesNotContain(keyTask(1).getId());
    assertThat(listAs("fz-agri", TasklistFilters.MY_UNIT)).noneMatch(t -> t.getName().contains("饮水安全"));

    // A task assigned to a person (a leader's dispatch meeting) is on that person's list too.
    Task personal = taskService.newTask();
    personal.setName("调度会（测试）");
    personal.setAssignee("fz-zhang");
    taskService.saveTask(personal);
    try {
      assertThat(listAs("fz-zhang", TasklistFilters.MY_UNIT)).extracting(Task::getName).contains("调度会（测试）");
    } finally {
      taskService.deleteTask(personal.getId(), true);
    }
  }

  @Test
  void coordinatorsHaveAcceptanceOverdueAndCampaignFilters() {
    assertThat(filter(TasklistFilters.ALL_OPEN)).isNotNull();
    assertThat(filter(TasklistFilters.ALL_ACCEPTANCE)).isNotNull();
    assertThat(filter(TasklistFilters.ALL_OVERDUE)).isNotNull();
    importService.importPlan(org.campaigndesk.TestPlans.plan("filter-campaigns") + """
        campaigns:
          - {id: spring, name: 春季攻势行动, start: 2026-01-01, end: 2026-03-31, items: [{title: 制定方案, units: [t-fpb]}]}
        """, "test", null);
    assertThat(filter("【春季攻势行动】")).isNotNull();
  }
}
