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

    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-07-01T10:00:00+08:00").toInstant()));
    assertThat(listAs("fz-water", TasklistFilters.MY_OVERDUE)).extracting(Task::getName).contains("【二】饮水安全保障工程 · 签收");
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
